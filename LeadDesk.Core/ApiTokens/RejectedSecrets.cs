using Microsoft.Extensions.Caching.Memory;

namespace LeadDesk.Core.ApiTokens;

/// <summary>
/// Hashes of presented secrets that matched no active token, remembered for a short while so a client repeating a bad
/// token costs no query. Its own bounded cache: a flood of random secrets evicts old entries instead of growing memory.
/// </summary>
public sealed class RejectedSecrets : IDisposable
{
    public static readonly TimeSpan MemoryTime = TimeSpan.FromSeconds(30);
    public const int Capacity = 10_000;

    private readonly MemoryCache _hashes = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public bool Contains(string hash) => _hashes.TryGetValue(hash, out _);

    public void Add(string hash) => _hashes.Set(hash, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MemoryTime });

    public void Dispose() => _hashes.Dispose();
}
