using FluentValidation;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.Leads;

/// <summary>Create, read, edit, delete and restore a lead; disqualify and reopen it.</summary>
public sealed class LeadService(
    LeadDeskDbContext db,
    LeadAccess access,
    StageOwnership ownership,
    IValidator<NewLead> newLeadValidator,
    IValidator<LeadInput> inputValidator,
    PhoneRegions phoneRegions,
    TimeProvider clock)
{
    private readonly Dictionary<(Guid? Pipeline, Guid? Stage), Stage> _startStages = [];

    public async Task<LeadDetails> GetAsync(Guid id, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var leads = await access.VisibleAsync(includeDeleted, cancellationToken);
        var row = await Rows(leads.Where(l => l.Id == id)).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(Missing.Lead);
        return Details(row);
    }

    /// <summary>Several visible leads at once (one query), in the order of <paramref name="ids"/>; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<LeadDetails>> GetManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        var leads = await access.VisibleAsync(cancellationToken: cancellationToken);
        var rows = await Rows(leads.Where(l => ids.Contains(l.Id))).ToListAsync(cancellationToken);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        return [.. rows.Select(Details).OrderBy(l => position[l.Id])];
    }

    private sealed record DetailsRow(Lead Lead, string StageKey, string StageName, string StageColor, string PipelineName, string? OwnerName, string? CreatedByName);

    private IQueryable<DetailsRow> Rows(IQueryable<Lead> leads) =>
        from l in leads.AsNoTracking()
        join s in db.Stages on l.StageId equals s.Id
        join p in db.Pipelines on l.PipelineId equals p.Id
        join o in db.Users on l.OwnerId equals o.Id into owners
        from o in owners.DefaultIfEmpty()
        join c in db.Users on l.CreatedById equals c.Id into creators
        from c in creators.DefaultIfEmpty()
        select new DetailsRow(l, s.Key, s.Name, s.Color, p.Name, o.DisplayName, c.DisplayName);

    private static LeadDetails Details(DetailsRow row)
    {
        var lead = row.Lead;
        return new LeadDetails
        {
            Id = lead.Id,
            FirstName = lead.FirstName,
            LastName = lead.LastName,
            Email = lead.Email,
            Phone = lead.Phone,
            Company = lead.Company,
            Title = lead.Title,
            Source = lead.Source,
            Channel = lead.Channel,
            PipelineId = lead.PipelineId,
            PipelineName = row.PipelineName,
            StageId = lead.StageId,
            StageKey = row.StageKey,
            StageName = row.StageName,
            StageColor = row.StageColor,
            Status = lead.Status,
            Priority = lead.Priority,
            EstimatedValue = lead.EstimatedValue,
            ValueFromProducts = lead.ValueFromProducts,
            Score = lead.Score,
            ScoreIsManual = lead.ScoreIsManual,
            IsQualified = lead.IsQualified,
            OwnerId = lead.OwnerId,
            OwnerName = row.OwnerName,
            Description = lead.Description,
            CustomFields = CustomFields.Parse(lead.CustomFieldsJson),
            LastContactAt = lead.LastContactAt,
            SlaDeadlineAt = lead.SlaDeadlineAt,
            FirstResponseAt = lead.FirstResponseAt,
            DisqualificationReason = lead.DisqualificationReason,
            DisqualificationNotes = lead.DisqualificationNotes,
            DisqualifiedAt = lead.DisqualifiedAt,
            ConvertedAt = lead.ConvertedAt,
            CreatedAt = lead.CreatedAt,
            UpdatedAt = lead.UpdatedAt,
            CreatedById = lead.CreatedById,
            CreatedByName = row.CreatedByName,
            IsDeleted = lead.IsDeleted,
            DeletedAt = lead.DeletedAt,
            Version = lead.Version,
        };
    }

    /// <summary>
    /// The details of a lead this service has just added and saved, from the entities already loaded:
    /// no query unless its pipeline or people are not loaded yet.
    /// </summary>
    public async Task<LeadDetails> WrittenAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        var stage = await db.Stages.FindAsync([lead.StageId], cancellationToken) ?? throw new NotFoundException(Missing.Stage);
        var pipeline = await db.Pipelines.FindAsync([lead.PipelineId], cancellationToken) ?? throw new NotFoundException(Missing.Pipeline);
        return Details(new DetailsRow(lead, stage.Key, stage.Name, stage.Color, pipeline.Name,
            await DisplayNameAsync(lead.OwnerId, cancellationToken), await DisplayNameAsync(lead.CreatedById, cancellationToken)));
    }

    private async Task<string?> DisplayNameAsync(Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id ? (await db.Users.FindAsync([id], cancellationToken))?.DisplayName : null;

    public async Task<Guid> CreateAsync(NewLead input, CancellationToken cancellationToken = default)
    {
        var lead = await AddAsync(input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return lead.Id;
    }

    /// <summary>
    /// Validates <paramref name="input"/> and adds the lead (and its "created" activity) to the context without
    /// saving, so a batch of captures can be written in one transaction.
    /// </summary>
    public async Task<Lead> AddAsync(NewLead input, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsCreate, Messages.T("You cannot create leads in this workspace."));
        await newLeadValidator.ValidateAndThrowAsync(input, cancellationToken);
        await EnsureOwnerIsMemberAsync(input.OwnerId, cancellationToken);
        var stage = await StartStageAsync(input.PipelineId, input.StageId, cancellationToken);

        var lead = new Lead { Channel = input.Channel };
        lead.Apply(input, await phoneRegions.CurrentAsync(cancellationToken));
        lead.MoveTo(stage);
        if (input.OwnerId is null)
        {
            lead.OwnerId = await ownership.OwnerOnEntryAsync(stage, null, cancellationToken);
        }
        db.Leads.Add(lead);
        var via = string.IsNullOrEmpty(lead.Source) ? $"via {lead.Channel.ToString().ToLowerInvariant()}" : $"via {lead.Channel.ToString().ToLowerInvariant()}, source {lead.Source}";
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Created, "Lead created", via, Now));
        return lead;
    }

    /// <summary>Replaces the editable fields. With <paramref name="expectedVersion"/>, a lead changed since it was read is a conflict.</summary>
    public async Task UpdateAsync(Guid id, LeadInput input, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        var lead = await access.FindAsync(id, cancellationToken: cancellationToken);
        var validation = new ValidationContext<LeadInput>(input);
        validation.RootContextData[LeadInputValidator<LeadInput>.StoredPhone] = lead.Phone;
        if (await inputValidator.ValidateAsync(validation, cancellationToken) is { IsValid: false } result)
        {
            throw new ValidationException(result.Errors);
        }
        await EnsureVersionAsync(lead, expectedVersion, cancellationToken);
        if (input.OwnerId != lead.OwnerId)
        {
            await EnsureOwnerIsMemberAsync(input.OwnerId, cancellationToken);
            db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.OwnerChanged, "Owner changed", null, Now));
        }
        lead.Apply(input, await phoneRegions.CurrentAsync(cancellationToken));
        if (lead.ValueFromProducts)
        {
            lead.EstimatedValue = await db.LeadProducts.Where(p => p.LeadId == id).SumAsync(p => p.Total, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken); // a save in between (Version moved on) is a ConflictException
    }

    /// <summary>Moves the lead to the trash. With <paramref name="expectedVersion"/>, a lead changed since it was read is a conflict.</summary>
    public async Task DeleteAsync(Guid id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsDelete, Messages.T("Only managers and admins can delete leads."));
        var lead = await access.FindAsync(id, cancellationToken: cancellationToken);
        await EnsureVersionAsync(lead, expectedVersion, cancellationToken);
        db.Leads.Remove(lead); // the auditing interceptor turns this into a soft delete
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Deleted, "Lead moved to the trash", null, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RestoreAsync(Guid id, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsDelete, Messages.T("Only managers and admins can restore leads."));
        var lead = await access.FindAsync(id, includeDeleted: true, cancellationToken);
        if (!lead.IsDeleted)
        {
            return;
        }
        lead.Restore();
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Restored, "Lead restored from the trash", null, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DisqualifyAsync(Guid id, string? reason, string? notes, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        if (!DisqualificationReasons.IsKnown(reason))
        {
            throw Validation.Error("reason", Messages.T("Choose a reason: {0}.", string.Join(", ", DisqualificationReasons.All.Select(r => r.Key))));
        }
        if (notes?.Length > LeadLimits.ReasonNotesMaxLength)
        {
            throw Validation.Error("notes", Messages.T("Notes can be at most {0:N0} characters.", LeadLimits.ReasonNotesMaxLength));
        }
        var lead = await access.FindAsync(id, cancellationToken: cancellationToken);
        if (lead.Status == LeadStatus.Converted)
        {
            throw Validation.Error("reason", Messages.T("This lead is converted; it cannot be disqualified."));
        }
        lead.Disqualify(reason!, notes, Now);
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Disqualified, $"Disqualified: {DisqualificationReasons.NameOf(reason)}", lead.DisqualificationNotes, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReopenAsync(Guid id, CancellationToken cancellationToken = default)
    {
        access.Require(Permissions.LeadsEdit, Messages.T("You cannot edit leads in this workspace."));
        var lead = await access.FindAsync(id, cancellationToken: cancellationToken);
        if (lead.Status == LeadStatus.Converted)
        {
            throw Validation.Error("status", Messages.T("This lead is converted; its opportunity carries on from here."));
        }
        if (lead.Status == LeadStatus.Open)
        {
            return;
        }
        lead.Reopen();
        db.LeadActivities.Add(new LeadActivity(lead.Id, ActivityType.Reopened, "Lead reopened", null, Now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task EnsureVersionAsync(Lead lead, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion is { } expected && expected != lead.Version)
        {
            var by = lead.UpdatedById is { } userId ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
            throw new ConflictException(Messages.T("Someone else saved this lead after you read it."), lead.Version, by, lead.UpdatedAt);
        }
    }

    private async Task EnsureOwnerIsMemberAsync(Guid? ownerId, CancellationToken cancellationToken)
    {
        if (ownerId is { } id && !await access.IsMemberAsync(id, cancellationToken))
        {
            throw Validation.Error(nameof(LeadInput.OwnerId), Messages.T("Choose an owner who is a member of this workspace."));
        }
    }

    /// <summary>The stage a new lead starts in: the one asked for (in the pipeline asked for), else the first of the pipeline.</summary>
    private async Task<Stage> StartStageAsync(Guid? pipelineId, Guid? stageId, CancellationToken cancellationToken)
    {
        // A batch of captures asks the same question many times in one scope.
        if (_startStages.TryGetValue((pipelineId, stageId), out var known))
        {
            return known;
        }
        var found = await FindStartStageAsync(pipelineId, stageId, cancellationToken);
        _startStages[(pipelineId, stageId)] = found;
        return found;
    }

    private async Task<Stage> FindStartStageAsync(Guid? pipelineId, Guid? stageId, CancellationToken cancellationToken)
    {
        if (stageId is { } sid)
        {
            var stage = await db.Stages.FirstOrDefaultAsync(s => s.Id == sid, cancellationToken)
                ?? throw Validation.Error(nameof(NewLead.StageId), Messages.T("That stage does not exist in this workspace."));
            if (pipelineId is { } pid && stage.PipelineId != pid)
            {
                throw Validation.Error(nameof(NewLead.StageId), Messages.T("That stage is not in the chosen pipeline."));
            }
            if (!await db.Pipelines.AnyAsync(p => p.Id == stage.PipelineId && p.Module == PipelineModule.Leads, cancellationToken))
            {
                throw Validation.Error(nameof(NewLead.StageId), Messages.T("That stage is not in a lead pipeline."));
            }
            return stage;
        }
        var pipeline = pipelineId is { } id
            ? await db.Pipelines.FirstOrDefaultAsync(p => p.Id == id && p.Module == PipelineModule.Leads, cancellationToken)
                ?? throw Validation.Error(nameof(NewLead.PipelineId), Messages.T("That pipeline does not exist in this workspace."))
            : await db.Pipelines.Where(p => p.Module == PipelineModule.Leads)
                .OrderByDescending(p => p.IsDefault).ThenBy(p => p.SortOrder)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw Validation.Error(nameof(NewLead.PipelineId), Messages.T("This workspace has no lead pipeline yet."));
        return await db.Stages.Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.SortOrder).FirstOrDefaultAsync(cancellationToken)
            ?? throw Validation.Error(nameof(NewLead.PipelineId), Messages.T("That pipeline has no stages yet."));
    }
}
