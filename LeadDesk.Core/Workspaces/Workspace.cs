namespace LeadDesk.Core.Workspaces;

/// <summary>A tenant. Every workspace-owned row carries its id.</summary>
public class Workspace : IAuditable
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Slug { get; private set; }
    public string Name { get; private set; }
    public string Currency { get; private set; } = "USD";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public Guid? UpdatedById { get; set; }

    public Workspace(string slug, string name)
    {
        Slug = slug;
        Name = name;
    }
}
