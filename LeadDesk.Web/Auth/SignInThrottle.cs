using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LeadDesk.Web.Auth;

/// <summary>Bound from <c>SignIn</c>: how many failed sign-ins one client address may make before it has to wait.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins an address may make in a row.</summary>
    public int FailuresPerAddressBurst { get; set; } = 20;

    /// <summary>Failed sign-ins an address earns back per hour once the burst is spent.</summary>
    public int FailuresPerAddressPerHour { get; set; } = 30;
}

/// <summary>
/// Slows password spraying. Identity locks an account after five failures, but an address trying one password on many
/// accounts never trips that, so each address also has a bucket of failures. An attempt takes one from the bucket before
/// the password is checked (concurrent attempts cannot slip past a check), and a successful sign-in puts it back: an
/// office behind one address is never slowed by its own sign-ins.
/// </summary>
internal sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock) : IDisposable
{
    private const int TrackedAddresses = 100_000;

    private readonly MemoryCache _buckets = new(new MemoryCacheOptions { SizeLimit = TrackedAddresses });

    /// <summary>How long the bucket takes to earn one failure back.</summary>
    private TimeSpan Interval => TimeSpan.FromHours(1) / Math.Max(1, options.Value.FailuresPerAddressPerHour);

    /// <summary>How long a full bucket takes to refill from empty.</summary>
    private TimeSpan Window => Interval * Math.Max(1, options.Value.FailuresPerAddressBurst);

    /// <summary>Takes one failure from <paramref name="address"/>'s bucket for an attempt; the wait instead when it is empty.</summary>
    public TimeSpan? TryBegin(string address)
    {
        var bucket = _buckets.GetOrCreate(address, entry =>
        {
            entry.Size = 1;
            // A bucket left alone this long is full again: forgetting it changes nothing.
            entry.SlidingExpiration = Window;
            return new Bucket();
        })!;
        lock (bucket)
        {
            // The bucket is kept as the moment it will be full again; each failure pushes that moment one interval on.
            var now = clock.GetUtcNow();
            var fullAt = (bucket.FullAt > now ? bucket.FullAt : now) + Interval;
            if (fullAt - now > Window)
            {
                return fullAt - now - Window;
            }
            bucket.FullAt = fullAt;
            return null;
        }
    }

    /// <summary>The attempt signed in: its failure goes back into the bucket.</summary>
    public void Succeeded(string address)
    {
        if (_buckets.TryGetValue(address, out Bucket? bucket) && bucket is not null)
        {
            lock (bucket)
            {
                bucket.FullAt -= Interval;
            }
        }
    }

    public void Dispose() => _buckets.Dispose();

    private sealed class Bucket
    {
        public DateTimeOffset FullAt { get; set; }
    }
}
