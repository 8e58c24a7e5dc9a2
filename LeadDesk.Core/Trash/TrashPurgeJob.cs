using LeadDesk.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core.Trash;

/// <summary>Runs the trash purge at start-up and then every <c>Retention:PurgeIntervalMinutes</c> (an hour by default).</summary>
public sealed partial class TrashPurgeJob(TrashPurge purge, IOptions<RetentionOptions> options, ILogger<TrashPurgeJob> logger, TimeProvider clock)
    : PeriodicJob(logger, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override bool RunsAtStart => true;

    protected override bool Enabled => options.Value.PurgeEnabled;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var purged = await purge.RunAsync(stoppingToken);
        if (!purged.IsEmpty)
        {
            LogPurged(logger, purged.Leads, purged.Notes, purged.Documents, purged.ProductLines, purged.Files);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Trash purged: {Leads} leads, {Notes} notes, {Documents} documents, {ProductLines} product lines, {Files} files.")]
    private static partial void LogPurged(ILogger logger, int leads, int notes, int documents, int productLines, int files);
}
