using LeadDesk.Core.Data;

namespace LeadDesk.Web.Api;

/// <summary>
/// One API call, one outcome: a call that makes several saves (create, then apply the status; update, then
/// move the lead) commits them together or not at all, so a 4xx never leaves half a change behind.
/// </summary>
internal static class ApiTransaction
{
    public static async Task<T> RunAsync<T>(HttpContext context, Func<Task<T>> work)
    {
        var db = context.RequestServices.GetRequiredService<LeadDeskDbContext>();
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        var result = await work();
        await transaction.CommitAsync(context.RequestAborted);
        return result;
    }
}
