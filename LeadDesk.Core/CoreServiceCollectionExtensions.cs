using FluentValidation;
using LeadDesk.Core.Accounts;
using LeadDesk.Core.Activities;
using LeadDesk.Core.ApiTokens;
using LeadDesk.Core.Audit;
using LeadDesk.Core.Board;
using LeadDesk.Core.Dashboard;
using LeadDesk.Core.Data;
using LeadDesk.Core.Documents;
using LeadDesk.Core.History;
using LeadDesk.Core.Integrations;
using LeadDesk.Core.Leads;
using LeadDesk.Core.Notes;
using LeadDesk.Core.Phones;
using LeadDesk.Core.Pipelines;
using LeadDesk.Core.Privacy;
using LeadDesk.Core.Products;
using LeadDesk.Core.Seeding;
using LeadDesk.Core.Teams;
using LeadDesk.Core.Trash;
using LeadDesk.Core.WebForms;
using Microsoft.Extensions.Logging;
using LeadDesk.Core.Webhooks;
using LeadDesk.Core.Workspaces;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadDesk.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the database, Identity's user store and the domain services.</summary>
    /// <param name="contentRoot">Relative SQLite paths are resolved against it, not the working directory.</param>
    public static IServiceCollection AddLeadDeskCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LeadChangeNotifier>();
        services.AddMemoryCache();

        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<AuditingInterceptor>();

        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        var synchronous = configuration.GetValue(DatabaseOptions.Section + ":SqliteSynchronous", SqliteSynchronous.Full);
        services.AddDbContext<LeadDeskDbContext>((sp, options) =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:LeadDesk is not set."));
            }
            else
            {
                options.UseSqlite(ResolveSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, contentRoot));
                options.AddInterceptors(new SqlitePragmaInterceptor(synchronous), new SqliteTransactionGuard());
            }
            options.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());
            // Migrations are hand-written (DESIGN.md §1), so there is no model snapshot to compare with;
            // the schema-equivalence test is what keeps them in step with the model.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        if (provider == DatabaseProvider.Sqlite)
        {
            var writeTimeout = configuration.GetValue(DatabaseOptions.Section + ":WriteTimeoutSeconds", DatabaseOptions.DefaultWriteTimeoutSeconds);
            services.AddSingleton(new SqliteWriteGate(TimeSpan.FromSeconds(writeTimeout)));
            services.AddHostedService<SqliteStatistics>();
            services.AddHostedService<SqliteCheckpoints>();
        }
        else
        {
            services.AddHostedService(sp => new PostgresLeadChangeRelay(
                sp.GetRequiredService<LeadChangeNotifier>(), connectionString!, sp.GetRequiredService<ILogger<PostgresLeadChangeRelay>>()));
        }

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<LeadDeskDbContext>();

        services.AddScoped<DashboardService>();
        services.AddScoped<WorkspaceDirectory>();
        services.AddScoped<DemoSeeder>();
        services.AddLeadServices(configuration, contentRoot);
        return services;
    }

    private static void AddLeadServices(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // Scoped: the phone rule reads the workspace's region.
        services.AddScoped<IValidator<LeadInput>, LeadInputValidator>();
        services.AddScoped<IValidator<NewLead>, NewLeadValidator>();
        services.AddScoped<PhoneRegions>();
        services.AddScoped<LegacyPhoneUpgrade>();

        var documents = configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        services.AddSingleton(new DocumentStorage(Path.GetFullPath(Path.Combine(contentRoot, documents.Path))));

        services.AddScoped<LeadAccess>();
        services.AddScoped<PipelineDirectory>();
        services.AddSingleton<IValidator<PipelineInput>, PipelineInputValidator>();
        services.AddSingleton<IValidator<StageInput>, StageInputValidator>();
        services.AddScoped<PipelineSettingsService>();
        services.AddSingleton<IValidator<StageFieldInput>, StageFieldInputValidator>();
        services.AddScoped<StageFieldSettingsService>();
        services.AddScoped<SettingsAudit>();
        services.AddScoped<StageOwnership>();
        services.AddScoped<LeadService>();
        services.AddScoped<LeadStageService>();
        services.AddScoped<SimpleStatus>();
        services.AddSingleton<LeadCapture>();
        services.AddScoped<LeadListService>();
        services.AddScoped<BulkLeadService>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<LeadIntake>();
        services.AddScoped<LeadSettingsService>();
        services.AddScoped<BoardService>();
        services.AddScoped<NoteService>();
        services.AddScoped<ActivityService>();
        services.AddScoped<HistoryService>();
        services.AddScoped<TeamService>();
        services.AddScoped<ProductService>();
        services.AddScoped<DocumentService>();
        services.AddScoped<DocumentFiles>();
        services.AddScoped<LeadRemoval>();
        services.AddScoped<LeadErasureService>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.PurgeIntervalMinutes > 0 && o.PurgeBatchSize > 0, "Retention:PurgeIntervalMinutes and Retention:PurgeBatchSize must be above 0.")
            .ValidateOnStart();
        services.AddSingleton<TrashPurge>();
        services.AddHostedService<TrashPurgeJob>();
        services.AddScoped<ApiTokenService>();
        services.AddSingleton<RejectedSecrets>();
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<WebFormService>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.AddSingleton<WebhookRecorder>();
        services.AddScoped<WebhookService>();
        // The key ring's storage and protection are the web host's (AddLeadDeskWeb); Core only needs a protector.
        services.AddDataProtection();
        services.AddSingleton<WebhookSecrets>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookAddressPolicy.Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses));
    }

    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        return builder.ToString();
    }
}
