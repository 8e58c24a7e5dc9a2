namespace LeadDesk.Core.Leads;

/// <summary>Lifecycle state; the pipeline stage says where an open lead is.</summary>
public enum LeadStatus
{
    Open = 0,
    Converted = 1,
    Disqualified = 2,
}

/// <summary>How the lead reached us (seed 001 <c>type</c>).</summary>
public enum LeadChannel
{
    Manual = 0,
    Web = 1,
    Telegram = 2,
    Email = 3,
    Api = 4,
    Import = 5,
    Form = 6,
}

public enum LeadPriority
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
