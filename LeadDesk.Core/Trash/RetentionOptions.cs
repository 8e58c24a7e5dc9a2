namespace LeadDesk.Core.Trash;

/// <summary>
/// Bound from <c>Retention</c>: how the trash purge runs. How long the trash keeps things is a lead setting of each
/// workspace (<see cref="Leads.LeadSettings.TrashRetentionDays"/>).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Off on a node that should leave the purge to others (any number of nodes may run it).</summary>
    public bool PurgeEnabled { get; set; } = true;
    public double PurgeIntervalMinutes { get; set; } = 60;
    /// <summary>Leads (or parts) deleted per write transaction: small enough not to hold the writer long.</summary>
    public int PurgeBatchSize { get; set; } = 200;
}
