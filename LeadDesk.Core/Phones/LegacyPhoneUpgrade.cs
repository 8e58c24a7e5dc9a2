using System.Globalization;
using System.Text;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Core.Phones;

/// <summary>
/// Start-up step after the migrations: reads the phones queued in <see cref="LegacyPhone"/> again as E.164 numbers of their
/// workspace's region (<see cref="PhoneFormat.Reread"/>). Each batch rewrites its leads' phone and search text and
/// removes its queue rows in one transaction, so a stop anywhere resumes at the next start and nothing is read twice.
/// A lead whose phone changed since it was queued (edited on another node, say) is left as it is. Leads keep their
/// version and update time, and no history or webhook is written: nobody edited them, the way numbers are stored changed.
/// </summary>
public sealed partial class LegacyPhoneUpgrade(LeadDeskDbContext db, ILogger<LegacyPhoneUpgrade> logger)
{
    public const int BatchSize = 500;

    /// <returns>How many leads' phones were rewritten.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await db.LegacyPhones.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var rewritten = 0;
        var read = 0;
        int count;
        do
        {
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var queued = await db.LegacyPhones.AsNoTracking().OrderBy(p => p.LeadId).Take(BatchSize)
                .ToDictionaryAsync(p => p.LeadId, p => p.Phone, cancellationToken);
            var ids = queued.Keys.ToList();
            var leads = await (
                    from l in db.Leads.IgnoreQueryFilters()
                    join w in db.Workspaces on l.WorkspaceId equals w.Id
                    where ids.Contains(l.Id)
                    select new { l.Id, l.Phone, l.FirstName, l.LastName, l.Email, l.Company, w.PhoneRegion })
                .ToListAsync(cancellationToken);
            var changes = new List<Rewrite>();
            foreach (var lead in leads.Where(l => l.Phone == queued[l.Id]))
            {
                var phone = PhoneFormat.Reread(lead.Phone!, lead.PhoneRegion);
                if (phone != lead.Phone)
                {
                    changes.Add(new Rewrite(lead.Id, lead.Phone!, phone, Lead.SearchTextOf(lead.FirstName, lead.LastName, lead.Email, lead.Company, phone)));
                }
            }
            rewritten += await RewriteAsync(changes, cancellationToken);
            await db.LegacyPhones.Where(p => ids.Contains(p.LeadId)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            count = queued.Count;
            read += count;
        }
        while (count == BatchSize);
        LogUpgraded(logger, read, rewritten);
        return rewritten;
    }

    private sealed record Rewrite(Guid LeadId, string From, string To, string SearchText);

    // One command for the batch, a statement a lead: a round trip per lead took PostgreSQL about twice as long. Each
    // statement only changes a phone that is still as it was queued.
    private async Task<int> RewriteAsync(List<Rewrite> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return 0;
        }
        var sql = new StringBuilder();
        var parameters = new List<object>(changes.Count * 4);
        foreach (var change in changes)
        {
            var at = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture,
                $"UPDATE \"Leads\" SET \"Phone\" = {{{at}}}, \"SearchText\" = {{{at + 1}}} WHERE \"Id\" = {{{at + 2}}} AND \"Phone\" = {{{at + 3}}};\n");
            parameters.AddRange([change.To, change.SearchText, change.LeadId, change.From]);
        }
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Phone numbers stored before E.164: {Read} read again, {Rewritten} rewritten, the rest were E.164 already or could not be read better.")]
    private static partial void LogUpgraded(ILogger logger, int read, int rewritten);
}
