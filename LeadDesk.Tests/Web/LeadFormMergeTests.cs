using LeadDesk.Core.Leads;
using LeadDesk.Tests.Infrastructure;
using LeadDesk.Web.Components.Pages.Leads;

namespace LeadDesk.Tests.Web;

/// <summary>Someone else's save merged into a form being edited: theirs where untouched, mine where changed, both listed where both changed.</summary>
public sealed class LeadFormMergeTests
{
    private static readonly LeadDetails Loaded = new()
    {
        Id = Guid.NewGuid(), FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Company = "Analytical", Title = "Countess",
        PipelineName = "Sales", StageKey = "new", StageName = "New", StageColor = "#000", Version = 1,
    };

    [Fact]
    public void UntouchedFields_TakeTheirValues_AndMyChangesStay_WithoutAConflict()
    {
        var mine = LeadForm.From(Loaded);
        mine.Title = "Engineer";

        var (merged, conflicts) = LeadFormMerge.Merge(mine, LeadForm.From(Loaded), Loaded with { Company = "Babbage & Co", Version = 2 });

        Assert.Equal(("Babbage & Co", "Engineer", 2), (merged.Company, merged.Title, merged.Version));
        Assert.Empty(conflicts);
    }

    [Fact]
    public void AFieldBothChangedDifferently_IsAConflict_AndMineIsKept()
    {
        var mine = LeadForm.From(Loaded);
        mine.Company = "Mine Ltd";

        var (merged, conflicts) = LeadFormMerge.Merge(mine, LeadForm.From(Loaded), Loaded with { Company = "Theirs Inc", Version = 2 });

        Assert.Equal("Mine Ltd", merged.Company);
        Assert.Equal([new FieldConflict("Company", "Theirs Inc", "Mine Ltd")], conflicts);
    }

    [Fact]
    public void TheSameChangeOnBothSides_IsNoConflict_AndSpacesDoNotCount()
    {
        var mine = LeadForm.From(Loaded);
        mine.Company = "  Same Co ";

        var (_, conflicts) = LeadFormMerge.Merge(mine, LeadForm.From(Loaded), Loaded with { Company = "Same Co", Version = 2 });

        Assert.Empty(conflicts);
        Assert.False(LeadFormMerge.IsEdited(LeadForm.From(Loaded), LeadForm.From(Loaded)));
        Assert.True(LeadFormMerge.IsEdited(mine, LeadForm.From(Loaded)));
    }

    [Fact]
    public void CustomFields_ChangedHere_AreKept_AndChangedOnBothSides_AreListed()
    {
        var mine = LeadForm.From(Loaded);
        mine.CustomFields = [new CustomFieldRow { Key = "size", Value = "50" }];
        var theirs = Loaded with { CustomFields = new Dictionary<string, System.Text.Json.JsonElement> { ["size"] = CustomFields.Text("10") }, Version = 2 };

        var (merged, conflicts) = LeadFormMerge.Merge(mine, LeadForm.From(Loaded), theirs);

        Assert.Equal(["size=50"], merged.CustomFields.Select(r => $"{r.Key}={r.Value}"));
        Assert.Equal([new FieldConflict("Custom fields", "size=10", "size=50")], conflicts);
    }

    [Fact]
    public void InPortuguese_AConflict_IsListedUnderThePortugueseLabel_WithAmountsAndChoicesInPortuguese()
    {
        using var culture = TestCulture.Portuguese();
        var loaded = Loaded with { EstimatedValue = 1_500.5m };
        var mine = LeadForm.From(loaded);
        mine.Company = "Minha Ltda";
        mine.EstimatedValue = "2000,75";
        mine.ValueFromProducts = true;

        var (merged, conflicts) = LeadFormMerge.Merge(mine, LeadForm.From(loaded),
            loaded with { Company = "Deles S.A.", EstimatedValue = 1_800m, ValueFromProducts = false, Version = 2 });

        Assert.Equal("1500,5", LeadForm.From(loaded).EstimatedValue);
        Assert.Equal(
            [new FieldConflict("Empresa", "Deles S.A.", "Minha Ltda"), new FieldConflict("Valor estimado", "1800", "2000,75")],
            conflicts);
        Assert.True(merged.ValueFromProducts); // changed only here: kept, read back from "sim"
    }
}
