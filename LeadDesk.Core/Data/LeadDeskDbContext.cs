using System.Linq.Expressions;
using LeadDesk.Core.Accounts;
using LeadDesk.Core.Activities;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Products;
using LeadDesk.Core.Teams;
using LeadDesk.Core.WebForms;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LeadDesk.Core.Data;

public partial class LeadDeskDbContext : IdentityUserContext<AppUser, Guid>, IDataProtectionKeyContext
{
    public const string WorkspaceFilter = "Workspace";
    public const string SoftDeleteFilter = "SoftDelete";

    private readonly ICurrentActor _actor;
    private readonly SqliteWriteGate? _writeGate;

    /// <param name="writeGate">This process's SQLite writer queue; null on PostgreSQL (see LeadDeskDbContext.Writes.cs).</param>
    public LeadDeskDbContext(DbContextOptions<LeadDeskDbContext> options, ICurrentActor actor, SqliteWriteGate? writeGate = null) : base(options)
    {
        _actor = actor;
        _writeGate = writeGate;
        // Removing a lead only moves it to the trash (AuditingInterceptor), so its tracked notes, documents and product
        // lines must not be marked deleted with it the moment it is removed: cascades wait for SaveChanges, which runs
        // them after the interceptor has turned the lead's delete into an update.
        ChangeTracker.CascadeDeleteTiming = CascadeTiming.OnSaveChanges;
    }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<Stage> Stages => Set<Stage>();
    public DbSet<StageField> StageFields => Set<StageField>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadSettings> LeadSettings => Set<LeadSettings>();
    public DbSet<LeadStageValue> LeadStageValues => Set<LeadStageValue>();
    public DbSet<LeadNote> LeadNotes => Set<LeadNote>();
    public DbSet<LeadActivity> LeadActivities => Set<LeadActivity>();
    public DbSet<LeadHistoryEntry> LeadHistory => Set<LeadHistoryEntry>();
    public DbSet<TeamRole> TeamRoles => Set<TeamRole>();
    public DbSet<LeadTeamMember> LeadTeamMembers => Set<LeadTeamMember>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<LeadProduct> LeadProducts => Set<LeadProduct>();
    public DbSet<LeadDocument> LeadDocuments => Set<LeadDocument>();
    public DbSet<DocumentFileDeletion> DocumentFileDeletions => Set<DocumentFileDeletion>();
    public DbSet<LeadErasure> LeadErasures => Set<LeadErasure>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WebForm> WebForms => Set<WebForm>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<LegacyPhone> LegacyPhones => Set<LegacyPhone>();
    public DbSet<SettingsChange> SettingsChanges => Set<SettingsChange>();

    /// <summary>The data-protection key ring (cookies, antiforgery), shared by every web node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the query filters at query time; <see cref="Guid.Empty"/> matches nothing.</summary>
    internal Guid CurrentWorkspaceId => _actor.WorkspaceId ?? Guid.Empty;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        builder.Entity<AppUser>().Property(u => u.Language).HasMaxLength(AppUser.LanguageMaxLength);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadDeskDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(WorkspaceRow).IsAssignableFrom(t.ClrType)).ToList())
        {
            var entity = builder.Entity(entityType.ClrType);
            if (entityType.ClrType != typeof(WorkspaceMember))
            {
                entity.HasOne(typeof(Workspace)).WithMany().HasForeignKey(nameof(WorkspaceRow.WorkspaceId)).OnDelete(DeleteBehavior.Cascade);
            }
            entity.HasQueryFilter(WorkspaceFilter, WorkspaceFilterFor(entityType.ClrType));
            if (typeof(SoftDeletableEntity).IsAssignableFrom(entityType.ClrType))
            {
                entity.HasQueryFilter(SoftDeleteFilter, NotDeletedFilterFor(entityType.ClrType));
            }
        }
    }

    // e => e.WorkspaceId == this.CurrentWorkspaceId; EF re-reads the property for each query.
    private LambdaExpression WorkspaceFilterFor(Type type)
    {
        var entity = Expression.Parameter(type, "e");
        var body = Expression.Equal(
            Expression.Property(entity, nameof(WorkspaceRow.WorkspaceId)),
            Expression.Property(Expression.Constant(this), nameof(CurrentWorkspaceId)));
        return Expression.Lambda(body, entity);
    }

    private static LambdaExpression NotDeletedFilterFor(Type type)
    {
        var entity = Expression.Parameter(type, "e");
        return Expression.Lambda(Expression.Not(Expression.Property(entity, nameof(SoftDeletableEntity.IsDeleted))), entity);
    }
}
