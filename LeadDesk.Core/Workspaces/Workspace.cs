using LeadDesk.Core.Phones;

namespace LeadDesk.Core.Workspaces;

/// <summary>A tenant. Every workspace-owned row carries its id.</summary>
public class Workspace
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int PhoneRegionMaxLength = 2;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Slug { get; private set; }
    public string Name { get; private set; }
    public string Currency { get; private set; } = "USD";
    /// <summary>Where phone numbers typed without a country code are from (ISO 3166 code); see <see cref="PhoneFormat"/>.</summary>
    public string PhoneRegion { get; private set; } = PhoneFormat.DefaultRegion;
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid? CreatedById { get; private set; }
    public Guid? UpdatedById { get; private set; }

    public Workspace(string slug, string name)
    {
        Slug = slug;
        Name = name;
    }

    /// <summary>The tenant is no workspace row, so the auditing interceptor stamps it through this.</summary>
    internal void Stamp(DateTime now, Guid? by)
    {
        if (CreatedAt == default)
        {
            CreatedAt = now;
            CreatedById = by;
        }
        UpdatedAt = now;
        UpdatedById = by;
    }

    public void SetPhoneRegion(string region)
    {
        if (!PhoneFormat.IsRegion(region))
        {
            throw new ArgumentException($"{region} is not a region libphonenumber knows.", nameof(region));
        }
        PhoneRegion = region;
    }
}
