namespace LeadDesk.Core.Seeding;

/// <summary>Bound from <c>Seed</c>. Development defaults live in appsettings.Development.json.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Create the demo workspaces on first start (<c>Seed:Demo=false</c> to switch off).</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Password of every demo user; without one no demo users are created.</summary>
    public string? Password { get; set; }

    /// <summary>Demo users are admin@, manager@, rep1@ and rep2@ this domain.</summary>
    public string EmailDomain { get; set; } = "demo.leaddesk.test";

    /// <summary>How many leads the demo workspace gets.</summary>
    public int LeadCount { get; set; } = 300;
}
