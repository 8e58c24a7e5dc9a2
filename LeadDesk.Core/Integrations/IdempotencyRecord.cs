using LeadDesk.Core.Workspaces;

namespace LeadDesk.Core.Integrations;

/// <summary>
/// The first response to a request sent with an <c>Idempotency-Key</c>, so a client's retry gets the same
/// answer instead of a second lead. Kept for <see cref="IdempotencyStore.Lifetime"/>.
/// </summary>
public class IdempotencyRecord : WorkspaceRow
{
    public const int KeyMaxLength = 200;
    public const int BodyMaxLength = 65_536;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Key { get; private set; }
    /// <summary>SHA-256 of method, path and body: a key reused for another request is refused.</summary>
    public string RequestHash { get; private set; }
    /// <summary>0 while the first request is still being handled.</summary>
    public int StatusCode { get; private set; }
    public string? ResponseBody { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IdempotencyRecord(string key, string requestHash, DateTime createdAt)
    {
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public void Complete(int statusCode, string body)
    {
        StatusCode = statusCode;
        ResponseBody = body.Length <= BodyMaxLength ? body : null;
    }
}
