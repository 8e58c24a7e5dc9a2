using System.Text.Json;
using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using LeadDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Core.Leads;

public sealed class LeadServiceTests(SharedDatabase database) : IClassFixture<SharedDatabase>
{
    [Fact]
    public async Task Create_WithNameAndEmail_StartsInTheDefaultPipelinesFirstStage()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await TestData.PipelineAsync(fixture, acme, "Partners");
        var adminId = await TestData.MemberAsync(fixture, acme, "admin", WorkspaceRole.Admin);

        Guid id;
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, adminId))
        {
            id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", LastName = "Doe", Email = "jane@example.com" });
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId, adminId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal(acme.PipelineId, lead.PipelineId);
        Assert.Equal(acme.FirstStageId, lead.StageId);
        Assert.Equal(LeadStatus.Open, lead.Status);
        Assert.Equal(LeadChannel.Manual, lead.Channel);
        Assert.Equal("admin", lead.CreatedByName);
        var activities = await read.Get<ActivityService>().ListAsync(id);
        Assert.Equal([ActivityType.Created], activities.Select(a => a.Type));
    }

    [Fact]
    public async Task Create_WithoutNameOrContact_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "  ", Company = "Acme" }));

        Assert.Equal(["Email", "FirstName", "Phone"], error.ByField().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await scope.Get<LeadDeskDbContext>().Leads.CountAsync());
    }

    [Theory]
    [InlineData(null, "Doe")]
    [InlineData("Jane", null)]
    public async Task Create_WithOnlyAFirstOrALastName_IsAccepted(string? firstName, string? lastName)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = firstName, LastName = lastName, Phone = "555 123 456" });

        Assert.Equal((firstName ?? "") + (lastName ?? ""), (await scope.Get<LeadService>().GetAsync(id)).FullName);
    }

    [Fact]
    public async Task Create_NormalisesEmailAndPhone()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead
        {
            FirstName = "  Jane ",
            Email = "  Jane.Doe@Example.COM ",
            Phone = " +1 (800) 123-4567 ",
            Company = "  ",
        });

        var lead = await scope.Get<LeadService>().GetAsync(id);
        Assert.Equal("Jane", lead.FirstName);
        Assert.Equal("jane.doe@example.com", lead.Email);
        Assert.Equal("+18001234567", lead.Phone);
        Assert.Null(lead.Company);
    }

    [Theory]
    [InlineData("Email", "not-an-email")]
    [InlineData("Email", "jane@example")]
    [InlineData("Email", "jane doe@example.com")]
    [InlineData("Email", "jane@@example.com")]
    [InlineData("Phone", "12345")]
    [InlineData("Phone", "1234567890123456")]
    [InlineData("Phone", "call me")]
    [InlineData("Phone", "+999 555 1234")]
    [InlineData("Phone", "555+1234567")]
    public async Task Create_WithABadEmailOrPhone_IsRejected(string field, string value)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var input = field == "Email" ? new NewLead { FirstName = "Jane", Email = value } : new NewLead { FirstName = "Jane", Phone = value };

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(input));

        Assert.Equal([field], error.ByField().Keys);
    }

    [Theory]
    [InlineData("FirstName", LeadLimits.NameMaxLength)]
    [InlineData("LastName", LeadLimits.NameMaxLength)]
    [InlineData("Company", LeadLimits.CompanyMaxLength)]
    [InlineData("Title", LeadLimits.TitleMaxLength)]
    [InlineData("Source", LeadLimits.SourceMaxLength)]
    [InlineData("Description", LeadLimits.DescriptionMaxLength)]
    [InlineData("Email", LeadLimits.EmailMaxLength)]
    public async Task Create_WithAnOverlongField_IsRejected(string field, int maxLength)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var tooLong = new string('x', maxLength + 1);
        var input = new NewLead { FirstName = "Jane", Email = "jane@example.com" };
        input = field switch
        {
            "FirstName" => input with { FirstName = tooLong },
            "LastName" => input with { LastName = tooLong },
            "Company" => input with { Company = tooLong },
            "Title" => input with { Title = tooLong },
            "Source" => input with { Source = tooLong },
            "Description" => input with { Description = tooLong },
            _ => input with { Email = tooLong[..(maxLength - 11)] + "@example.com" },
        };

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(input));

        Assert.Contains(field, error.ByField().Keys);
    }

    [Fact]
    public async Task Create_WithFieldsAtTheirLimits_IsAccepted()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead
        {
            FirstName = new string('f', LeadLimits.NameMaxLength),
            LastName = new string('l', LeadLimits.NameMaxLength),
            Email = "jane@example.com",
            Phone = "+123456789012345",
            Company = new string('c', LeadLimits.CompanyMaxLength),
            Title = new string('t', LeadLimits.TitleMaxLength),
            Description = new string('d', LeadLimits.DescriptionMaxLength),
            EstimatedValue = LeadLimits.MaxValue,
        });

        var lead = await scope.Get<LeadService>().GetAsync(id);
        Assert.Equal(LeadLimits.CompanyMaxLength, lead.Company!.Length);
        Assert.Equal(LeadLimits.MaxValue, lead.EstimatedValue);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.001)]
    public async Task Create_WithABadValue_IsRejected(decimal value)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", EstimatedValue = value }));

        Assert.Equal(["EstimatedValue"], error.ByField().Keys);
    }

    [Fact]
    public async Task Create_WithScalarCustomFields_KeepsThem()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var fields = CustomFields.Parse("""{"budget": 5000, "vip": true, "region": "Nordics", "note": null}""");

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", CustomFields = fields });

        var lead = await scope.Get<LeadService>().GetAsync(id);
        Assert.Equal(5000, lead.CustomFields["budget"].GetInt32());
        Assert.True(lead.CustomFields["vip"].GetBoolean());
        Assert.Equal("Nordics", lead.CustomFields["region"].GetString());
    }

    [Theory]
    [InlineData("""{"address": {"city": "Oslo"}}""")]
    [InlineData("""{"tags": ["a", "b"]}""")]
    public async Task Create_WithNestedCustomFields_IsRejected(string json)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", CustomFields = CustomFields.Parse(json) }));

        Assert.Equal(["CustomFields"], error.ByField().Keys);
    }

    [Fact]
    public async Task Create_WithTooManyCustomFields_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var fields = Enumerable.Range(0, CustomFields.MaxFields + 1).ToDictionary(i => $"field{i}", i => JsonSerializer.SerializeToElement(i));

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", CustomFields = fields }));

        Assert.Equal(["CustomFields"], error.ByField().Keys);
    }

    [Fact]
    public async Task Create_InAStageOfAnotherPipeline_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(
            new NewLead { FirstName = "Jane", Email = "jane@example.com", PipelineId = acme.PipelineId, StageId = partners.SecondStageId }));

        Assert.Equal(["StageId"], error.ByField().Keys);
        Assert.Equal(0, await scope.Get<LeadDeskDbContext>().Leads.CountAsync());
    }

    [Fact]
    public async Task Create_InAnotherPipeline_StartsInItsFirstStage()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var partners = await TestData.PipelineAsync(fixture, acme, "Partners");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", PipelineId = partners.PipelineId });

        var lead = await scope.Get<LeadService>().GetAsync(id);
        Assert.Equal((partners.PipelineId, partners.FirstStageId, "Partners"), (lead.PipelineId, lead.StageId, lead.PipelineName));
    }

    [Fact]
    public async Task Create_InAStageOfAnotherWorkspace_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", StageId = globex.SecondStageId }));

        Assert.Equal(["StageId"], error.ByField().Keys);
    }

    [Fact]
    public async Task Create_InAnOpportunityPipeline_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var deals = await TestData.PipelineAsync(fixture, acme, "Deals", PipelineModule.Opportunities);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var input = new NewLead { FirstName = "Jane", Email = "jane@example.com" };

        var byPipeline = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(input with { PipelineId = deals.PipelineId }));
        var byStage = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().CreateAsync(input with { StageId = deals.FirstStageId }));

        Assert.Equal(["PipelineId"], byPipeline.ByField().Keys);
        Assert.Equal(["StageId"], byStage.ByField().Keys);
    }

    [Fact]
    public async Task Create_WithoutAnOwner_InAnAssignUserStage_TakesTheStagesUser()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var otherId = await TestData.MemberAsync(fixture, acme, "other", WorkspaceRole.SalesRep);
        await TestData.ConfigureStageAsync(fixture, acme, acme.FirstStageId, s => (s.OwnershipMode, s.OwnershipUserId) = (StageOwnershipMode.AssignUser, repId));
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var unowned = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com" });
        var owned = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "John", Email = "john@example.com", OwnerId = otherId });

        Assert.Equal(repId, (await scope.Get<LeadService>().GetAsync(unowned)).OwnerId);
        Assert.Equal(otherId, (await scope.Get<LeadService>().GetAsync(owned)).OwnerId);
    }

    [Fact]
    public async Task Create_WithoutAnOwner_InARoundRobinStage_TakesTurns()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        Guid[] reps = [await TestData.MemberAsync(fixture, acme, "rep1", WorkspaceRole.SalesRep), await TestData.MemberAsync(fixture, acme, "rep2", WorkspaceRole.SalesRep)];
        await TestData.ConfigureStageAsync(fixture, acme, acme.FirstStageId, s => (s.OwnershipMode, s.OwnershipRole) = (StageOwnershipMode.RoundRobin, WorkspaceRole.SalesRep));

        var owners = new List<Guid?>();
        for (var i = 0; i < 3; i++)
        {
            await using var scope = fixture.ScopeAs(acme.WorkspaceId);
            var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = $"Lead{i}", Email = $"lead{i}@example.com" });
            owners.Add((await scope.Get<LeadService>().GetAsync(id)).OwnerId);
        }

        Assert.Equal(reps.Order(), owners.Take(2).Select(o => o!.Value).Order());
        Assert.Equal(owners[0], owners[2]);
    }

    [Fact]
    public async Task Create_WithAnOwnerWhoIsNotAMember_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var outsiderId = await TestData.MemberAsync(fixture, globex, "outsider", WorkspaceRole.SalesRep);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", OwnerId = outsiderId }));

        Assert.Equal(["OwnerId"], error.ByField().Keys);
    }

    [Fact]
    public async Task Create_WithAMemberAsOwner_ShowsTheOwnersName()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rita", WorkspaceRole.SalesRep);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var id = await scope.Get<LeadService>().CreateAsync(new NewLead { FirstName = "Jane", Email = "jane@example.com", OwnerId = repId });

        var lead = await scope.Get<LeadService>().GetAsync(id);
        Assert.Equal((repId, "rita"), (lead.OwnerId, lead.OwnerName));
    }

    [Fact]
    public async Task Update_ChangesFields_AndBumpsTheVersion()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var service = scope.Get<LeadService>();
        var before = await service.GetAsync(id);

        await service.UpdateAsync(id, before.ToInput() with { Company = "Acme Ltd", Email = "ALICE@Acme.test", Priority = LeadPriority.High }, before.Version);

        var after = await service.GetAsync(id);
        Assert.Equal(("Acme Ltd", "alice@acme.test", LeadPriority.High), (after.Company, after.Email, after.Priority));
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        LeadDetails opened;
        await using (var first = fixture.ScopeAs(acme.WorkspaceId))
        {
            opened = await first.Get<LeadService>().GetAsync(id);
            await first.Get<LeadService>().UpdateAsync(id, opened.ToInput() with { Title = "CTO" }, opened.Version);
        }

        await using var second = fixture.ScopeAs(acme.WorkspaceId);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            second.Get<LeadService>().UpdateAsync(id, opened.ToInput() with { Title = "CEO", Company = "Other" }, opened.Version));

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var lead = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal(opened.Version + 1, conflict.CurrentVersion);
        Assert.Equal(("CTO", (string?)null, opened.Version + 1), (lead.Title, lead.Company, lead.Version));
        Assert.DoesNotContain(await read.Get<LeadDeskDbContext>().LeadHistory.Select(h => h.NewValue).ToListAsync(), v => v == "CEO" || v == "Other");
    }

    [Fact]
    public async Task Update_WithAnInvalidInput_IsRejected_AndChangesNothing()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var before = await scope.Get<LeadService>().GetAsync(id);

        await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().UpdateAsync(id, before.ToInput() with { Email = null, Phone = null, Company = "Changed" }, before.Version));

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var after = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((before.Email, before.Company, before.Version), (after.Email, after.Company, after.Version));
    }

    [Fact]
    public async Task Update_ToAnOwnerWhoIsNotAMember_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var strangerId = await TestData.UserAsync(fixture, "stranger");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var before = await scope.Get<LeadService>().GetAsync(id);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            scope.Get<LeadService>().UpdateAsync(id, before.ToInput() with { OwnerId = strangerId }, null));

        Assert.Equal(["OwnerId"], error.ByField().Keys);
    }

    [Fact]
    public async Task Delete_HidesTheLead_AndRestoreBringsItBack()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var managerId = await TestData.MemberAsync(fixture, acme, "manager", WorkspaceRole.Manager);
        var id = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager))
        {
            await scope.Get<LeadService>().DeleteAsync(id);
        }
        var deletedAt = fixture.Clock.GetUtcNow().UtcDateTime;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager))
        {
            var service = scope.Get<LeadService>();
            await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(id));
            var deleted = await service.GetAsync(id, includeDeleted: true);
            Assert.True(deleted.IsDeleted);
            Assert.Equal(deletedAt, deleted.DeletedAt);
            Assert.Equal(0, (await scope.Get<LeadListService>().SearchAsync(new LeadListQuery())).Total);
            await service.RestoreAsync(id);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId, managerId, WorkspaceRole.Manager);
        var restored = await read.Get<LeadService>().GetAsync(id);
        Assert.False(restored.IsDeleted);
        Assert.Null(restored.DeletedAt);
        Assert.Equal(
            [ActivityType.Restored, ActivityType.Deleted],
            (await read.Get<ActivityService>().ListAsync(id)).Select(a => a.Type).Take(2));
    }

    [Fact]
    public async Task Delete_AsASalesRep_IsForbidden()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var id = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<LeadService>().DeleteAsync(id));

        Assert.False((await scope.Get<LeadService>().GetAsync(id)).IsDeleted);
    }

    [Fact]
    public async Task Restore_AsASalesRep_IsForbidden()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var repId = await TestData.MemberAsync(fixture, acme, "rep", WorkspaceRole.SalesRep);
        var id = await TestData.LeadAsync(fixture, acme, "Alice", ownerId: repId);
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId))
        {
            await admin.Get<LeadService>().DeleteAsync(id);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId, repId, WorkspaceRole.SalesRep);

        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<LeadService>().RestoreAsync(id));
    }

    [Fact]
    public async Task Update_OfADeletedLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        LeadInput input;
        await using (var admin = fixture.ScopeAs(acme.WorkspaceId))
        {
            input = (await admin.Get<LeadService>().GetAsync(id)).ToInput();
            await admin.Get<LeadService>().DeleteAsync(id);
        }
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<NotFoundException>(() => scope.Get<LeadService>().UpdateAsync(id, input with { Title = "CEO" }, null));
    }

    [Fact]
    public async Task Disqualify_WithAKnownReason_ClosesTheLead_AndReopenClearsIt()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");

        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            await scope.Get<LeadService>().DisqualifyAsync(id, "no_budget", "  Maybe next year ");
        }
        var disqualifiedAt = fixture.Clock.GetUtcNow().UtcDateTime;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = fixture.ScopeAs(acme.WorkspaceId))
        {
            var lead = await scope.Get<LeadService>().GetAsync(id);
            Assert.Equal((LeadStatus.Disqualified, "no_budget", "Maybe next year"), (lead.Status, lead.DisqualificationReason, lead.DisqualificationNotes));
            Assert.Equal(disqualifiedAt, lead.DisqualifiedAt);
            await scope.Get<LeadService>().ReopenAsync(id);
        }

        await using var read = fixture.ScopeAs(acme.WorkspaceId);
        var reopened = await read.Get<LeadService>().GetAsync(id);
        Assert.Equal((LeadStatus.Open, (string?)null, (string?)null, (DateTime?)null),
            (reopened.Status, reopened.DisqualificationReason, reopened.DisqualificationNotes, reopened.DisqualifiedAt));
        Assert.Equal(
            [ActivityType.Reopened, ActivityType.Disqualified],
            (await read.Get<ActivityService>().ListAsync(id)).Select(a => a.Type).Take(2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too_expensive")]
    [InlineData("No budget")]
    public async Task Disqualify_WithAnUnknownReason_IsRejected(string? reason)
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().DisqualifyAsync(id, reason, null));

        Assert.Equal(["reason"], error.ByField().Keys);
        Assert.Equal(LeadStatus.Open, (await scope.Get<LeadService>().GetAsync(id)).Status);
    }

    [Fact]
    public async Task Disqualify_AConvertedLead_IsRejected()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var id = await TestData.LeadAsync(fixture, acme, "Alice", status: LeadStatus.Converted);
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);

        await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().DisqualifyAsync(id, DisqualificationReasons.Other, null));
        await Assert.ThrowsAsync<ValidationException>(() => scope.Get<LeadService>().ReopenAsync(id));
    }

    [Fact]
    public async Task EveryOperation_OnAnotherWorkspacesLead_IsNotFound()
    {
        var fixture = database.Fixture;
        var acme = await TestData.NewWorkspaceAsync(fixture, "acme");
        var globex = await TestData.NewWorkspaceAsync(fixture, "globex");
        var id = await TestData.LeadAsync(fixture, globex, "Bob");
        await using var scope = fixture.ScopeAs(acme.WorkspaceId);
        var service = scope.Get<LeadService>();
        var input = new LeadInput { FirstName = "Mallory", Email = "mallory@example.com" };

        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(id, includeDeleted: true));
        await Assert.ThrowsAsync<NotFoundException>(() => service.UpdateAsync(id, input, null));
        await Assert.ThrowsAsync<NotFoundException>(() => service.DeleteAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RestoreAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.DisqualifyAsync(id, DisqualificationReasons.Other, null));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ReopenAsync(id));

        await using var theirs = fixture.ScopeAs(globex.WorkspaceId);
        var lead = await theirs.Get<LeadService>().GetAsync(id);
        Assert.Equal(("Bob", LeadStatus.Open, false, 0), (lead.FirstName, lead.Status, lead.IsDeleted, lead.Version));
    }
}
