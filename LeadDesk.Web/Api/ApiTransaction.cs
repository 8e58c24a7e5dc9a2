using LeadDesk.Core.Data;

namespace LeadDesk.Web.Api;

/// <summary>
/// One API call, one outcome: a call that makes several saves (create, then apply the status; update, then
/// move the lead) commits them together or not at all, so a 4xx never leaves half a change behind.
/// </summary>
internal static class ApiTransaction
{
    public static Task<T> RunAsync<T>(HttpContext context, Func<Task<T>> work) =>
        context.RequestServices.GetRequiredService<LeadDeskDbContext>().WriteAsync(work, context.RequestAborted);
}
