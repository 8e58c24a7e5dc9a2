using System.Security.Cryptography;
using LeadDesk.Core.Activities;
using LeadDesk.Core.Common;
using LeadDesk.Core.Data;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Localization;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Core.WebForms;

public sealed record WebFormInput(string? Name, IReadOnlyCollection<string> Fields, string? DefaultSource, Guid? StageId, Guid? OwnerId,
    string? AllowedOrigins, string? SuccessRedirectUrl);

public sealed record WebFormView(Guid Id, string Key, string Name, IReadOnlyList<string> Fields, string? DefaultSource, Guid? StageId,
    Guid? OwnerId, IReadOnlyList<string> Origins, string? SuccessRedirectUrl, bool IsActive, int SubmissionCount, DateTime? LastSubmissionAt,
    DateTime CreatedAt);

/// <summary>What a public submission needs to know before reading the body: whether the site may post, and where to go after.</summary>
public sealed record PublicWebForm(string Key, string Name, IReadOnlyList<string> Origins, string? SuccessRedirectUrl)
{
    public bool Allows(string? origin) => Origins.Count == 0 || (origin is not null && Origins.Contains(origin, StringComparer.OrdinalIgnoreCase));
}

public enum SubmissionOutcome
{
    Created,
    /// <summary>The email or phone was known: nothing new was created; the lead's timeline says they wrote again.</summary>
    Existing,
    /// <summary>The honeypot was filled: a bot. Nothing is stored, and the bot is told it worked.</summary>
    Dropped,
}

/// <summary>Web forms: admins manage them; anyone on an allowed site submits them (as the workspace, with create rights only).</summary>
public sealed class WebFormService(LeadDeskDbContext db, CurrentActor actor, LeadIntake intake, TimeProvider clock)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public async Task<IReadOnlyList<WebFormView>> ListAsync(CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var forms = await db.WebForms.AsNoTracking().OrderByDescending(f => f.CreatedAt).ToListAsync(cancellationToken);
        return forms.Select(View).ToList();
    }

    public async Task<WebFormView> CreateAsync(WebFormInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        await CheckAsync(input, cancellationToken);
        var form = new WebForm(RandomNumberGenerator.GetString(Base62, WebForm.KeyLength), input.Name!.Trim(), FieldsOf(input));
        Apply(form, input);
        db.WebForms.Add(form);
        await db.SaveChangesAsync(cancellationToken);
        return View(form);
    }

    public async Task<WebFormView> UpdateAsync(Guid id, WebFormInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        await CheckAsync(input, cancellationToken);
        var form = await db.WebForms.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.WebForm);
        form.Name = input.Name!.Trim();
        form.Fields = FieldsOf(input);
        Apply(form, input);
        await db.SaveChangesAsync(cancellationToken);
        return View(form);
    }

    public async Task SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var form = await db.WebForms.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.WebForm);
        form.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        actor.Require(Permissions.SettingsAdmin);
        var form = await db.WebForms.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException(Missing.WebForm);
        db.WebForms.Remove(form);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An active form by its public key (any workspace), or 404.</summary>
    public async Task<PublicWebForm> FindPublicAsync(string key, CancellationToken cancellationToken = default)
    {
        var form = key.Length == WebForm.KeyLength
            ? await db.WebForms.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.IsActive, cancellationToken)
            : null;
        return form is null ? throw new NotFoundException(Missing.WebForm) : new PublicWebForm(form.Key, form.Name, form.OriginList, form.SuccessRedirectUrl);
    }

    /// <summary>
    /// A visitor's submission: creates the lead in the form's workspace, or — when the email or phone is
    /// known — notes on the existing lead that they wrote again. Only the form's own fields are read.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(string key, IReadOnlyDictionary<string, string> values, string? origin, CancellationToken cancellationToken = default)
    {
        var form = await db.WebForms.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Key == key && f.IsActive, cancellationToken)
            ?? throw new NotFoundException(Missing.WebForm);
        if (form.OriginList.Count > 0 && (origin is null || !form.OriginList.Contains(origin, StringComparer.OrdinalIgnoreCase)))
        {
            throw new ForbiddenException(Messages.T("This form does not accept submissions from that site."));
        }
        if (!string.IsNullOrEmpty(values.GetValueOrDefault(WebFormFields.Honeypot)))
        {
            return SubmissionOutcome.Dropped;
        }
        actor.SetMachine(form.WorkspaceId, null, new HashSet<string> { Permissions.LeadsView, Permissions.LeadsCreate });

        string? Field(string name) => form.FieldList.Contains(name) && values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var (first, last) = LeadInput.SplitName(Field(WebFormFields.Name));
        var message = Field(WebFormFields.Message);
        var now = clock.GetUtcNow().UtcDateTime;
        // One transaction under the one duplicate rule: the same person posting twice at once (or on two nodes) is one lead.
        return await db.WriteAsync(async () =>
        {
            var added = await intake.AddAsync(new NewLead
            {
                FirstName = first,
                LastName = last,
                Email = Field(WebFormFields.Email),
                Phone = Field(WebFormFields.Phone),
                Company = Field(WebFormFields.Company),
                Title = Field(WebFormFields.Title),
                Description = message,
                Source = form.DefaultSource ?? $"Web form: {form.Name}",
                StageId = form.StageId,
                OwnerId = form.OwnerId,
                Channel = LeadChannel.Form,
            }, DuplicateRule.UseExisting, cancellationToken);
            if (!added.Created)
            {
                db.LeadActivities.Add(new LeadActivity(added.LeadId, ActivityType.FormSubmitted, $"Submitted the web form “{form.Name}” again", message, now));
                await db.SaveChangesAsync(cancellationToken);
            }
            await db.WebForms.IgnoreQueryFilters().Where(f => f.Id == form.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.SubmissionCount, f => f.SubmissionCount + 1).SetProperty(f => f.LastSubmissionAt, now), cancellationToken);
            return added.Created ? SubmissionOutcome.Created : SubmissionOutcome.Existing;
        }, cancellationToken);
    }


    private static string FieldsOf(WebFormInput input) =>
        string.Join(' ', WebFormFields.All.Select(f => f.Key).Where(input.Fields.Contains));

    private static void Apply(WebForm form, WebFormInput input)
    {
        form.DefaultSource = string.IsNullOrWhiteSpace(input.DefaultSource) ? null : input.DefaultSource.Trim();
        form.StageId = input.StageId;
        form.OwnerId = input.OwnerId;
        form.AllowedOrigins = string.Join('\n', Origins(input.AllowedOrigins));
        form.SuccessRedirectUrl = string.IsNullOrWhiteSpace(input.SuccessRedirectUrl) ? null : input.SuccessRedirectUrl.Trim();
    }

    private static IEnumerable<string> Origins(string? text) =>
        (text ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : o)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private async Task CheckAsync(WebFormInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > WebForm.NameMaxLength)
        {
            throw Validation.Error("name", Messages.T("Give the form a name of 1 to {0} characters.", WebForm.NameMaxLength));
        }
        if (!input.Fields.Contains(WebFormFields.Name) || !(input.Fields.Contains(WebFormFields.Email) || input.Fields.Contains(WebFormFields.Phone)))
        {
            throw Validation.Error("fields", Messages.T("A lead needs a name and an email or phone: the form must ask for the name and for the email or the phone."));
        }
        if (input.DefaultSource?.Trim().Length > LeadLimits.SourceMaxLength)
        {
            throw Validation.Error("defaultSource", Messages.T("A source is at most {0} characters.", LeadLimits.SourceMaxLength));
        }
        foreach (var origin in Origins(input.AllowedOrigins))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw Validation.Error("allowedOrigins", Messages.T("'{0}' is not a site address such as https://www.example.com.", origin));
            }
        }
        if (string.Join('\n', Origins(input.AllowedOrigins)).Length > WebForm.OriginsMaxLength)
        {
            throw Validation.Error("allowedOrigins", Messages.T("That is too many sites for one form."));
        }
        if (!string.IsNullOrWhiteSpace(input.SuccessRedirectUrl)
            && (!Uri.TryCreate(input.SuccessRedirectUrl.Trim(), UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https")
                || input.SuccessRedirectUrl.Trim().Length > WebForm.UrlMaxLength))
        {
            throw Validation.Error("successRedirectUrl", Messages.T("The thank-you page must be a full address, such as https://www.example.com/thanks."));
        }
        if (input.StageId is { } stageId && !await db.Stages.AnyAsync(s => s.Id == stageId
                && db.Pipelines.Any(p => p.Id == s.PipelineId && p.Module == PipelineModule.Leads), cancellationToken))
        {
            throw Validation.Error("stageId", Messages.T("Choose a stage of a lead pipeline."));
        }
        if (input.OwnerId is { } ownerId && !await db.WorkspaceMembers.AnyAsync(m => m.UserId == ownerId, cancellationToken))
        {
            throw Validation.Error("ownerId", Messages.T("Choose an owner who is a member of this workspace."));
        }
    }

    private static WebFormView View(WebForm form) => new(form.Id, form.Key, form.Name, form.FieldList, form.DefaultSource, form.StageId, form.OwnerId,
        form.OriginList, form.SuccessRedirectUrl, form.IsActive, form.SubmissionCount, form.LastSubmissionAt, form.CreatedAt);
}
