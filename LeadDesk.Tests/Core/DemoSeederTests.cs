using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Seeding;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Core;

public sealed class DemoSeederTests
{
    private static readonly KeyValuePair<string, string?>[] Seed =
    [
        new("Seed:Password", "seed-password-1"),
        new("Seed:LeadCount", "60"),
    ];

    [Fact]
    public async Task Seeding_CreatesTheDemo_AndIsIdempotent()
    {
        await using var fixture = await CoreFixture.MigratedAsync(Seed);

        await SeedAsync(fixture);
        await SeedAsync(fixture);

        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        Assert.Equal([DemoSeeder.DemoSlug, DemoSeeder.SecondSlug], await db.Workspaces.OrderBy(w => w.Slug).Select(w => w.Slug).ToListAsync());
        Assert.Equal(4, await db.Users.CountAsync());
        var leads = await db.Leads.IgnoreQueryFilters().ToListAsync();
        var demo = await db.Workspaces.SingleAsync(w => w.Slug == DemoSeeder.DemoSlug);
        Assert.Equal(60, leads.Count(l => l.WorkspaceId == demo.Id));
        Assert.Contains(leads, l => l.Status == LeadStatus.Open);
        Assert.True(leads.Select(l => l.StageId).Distinct().Count() >= 5, "leads are spread over the stages");
        Assert.True(leads.Select(l => l.OwnerId).Distinct().Count() >= 3, "leads are spread over owners");
    }

    [Fact]
    public async Task Seeding_CreatesTheDefaultSalesPipeline()
    {
        await using var fixture = await CoreFixture.MigratedAsync(Seed);
        await SeedAsync(fixture);

        await using var lookup = fixture.ScopeAs(workspaceId: null);
        var demoId = await lookup.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Workspaces
            .Where(w => w.Slug == DemoSeeder.DemoSlug).Select(w => w.Id).SingleAsync();
        await using var scope = fixture.ScopeAs(demoId);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();

        var pipeline = await db.Pipelines.Include(p => p.Stages).SingleAsync();
        Assert.Equal("Sales", pipeline.Name);
        Assert.True(pipeline.IsDefault);
        Assert.Equal(["new", "contacted", "qualified", "proposal", "negotiation"], pipeline.Stages.OrderBy(s => s.SortOrder).Select(s => s.Key));
    }

    [Fact]
    public async Task Seeding_MakesNorthwindABrazilianWorkspace_WithBrazilianNumbersInE164()
    {
        await using var fixture = await CoreFixture.MigratedAsync(Seed);
        await SeedAsync(fixture);

        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        var regions = await db.Workspaces.OrderBy(w => w.Slug).Select(w => new { w.Slug, w.PhoneRegion, w.Id }).ToListAsync();
        Assert.Equal([(DemoSeeder.DemoSlug, "US"), (DemoSeeder.SecondSlug, "BR")], regions.Select(w => (w.Slug, w.PhoneRegion)));
        var northwind = regions[1].Id;
        var leads = await db.Leads.IgnoreQueryFilters().Where(l => l.WorkspaceId == northwind).Select(l => new { l.Phone, l.Email }).ToListAsync();
        Assert.NotEmpty(leads);
        Assert.All(leads, l =>
        {
            Assert.StartsWith("+55", l.Phone, StringComparison.Ordinal);
            Assert.Equal(l.Phone, PhoneFormat.ToE164(l.Phone, "US"));
            Assert.True(ContactNormalizer.IsValidEmail(l.Email), l.Email);
        });
    }

    [Fact]
    public async Task Seeding_WhenSwitchedOff_CreatesNothing()
    {
        await using var fixture = await CoreFixture.MigratedAsync([.. Seed, new("Seed:Demo", "false")]);

        await SeedAsync(fixture);

        await using var scope = fixture.ScopeAs(workspaceId: null);
        var db = scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>();
        Assert.False(await db.Workspaces.AnyAsync());
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task Seeding_WithoutAPassword_CreatesNothing()
    {
        await using var fixture = await CoreFixture.MigratedAsync();

        await SeedAsync(fixture);

        await using var scope = fixture.ScopeAs(workspaceId: null);
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeadDeskDbContext>().Users.AnyAsync());
    }

    private static async Task SeedAsync(CoreFixture fixture)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
