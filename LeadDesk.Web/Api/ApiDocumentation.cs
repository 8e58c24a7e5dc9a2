using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadDesk.Web.Api;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and Swagger UI (<c>/api/docs</c>): the auth scheme described, examples on the main bodies.</summary>
internal static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPrefix = "api/docs";

    private static readonly Dictionary<(string Method, string Path), string> RequestExamples = new()
    {
        [("POST", "api/v1/leads")] = """
            { "firstName": "Alice", "lastName": "Johnson", "email": "alice@startup.io", "phone": "+1234567890", "company": "StartupIO",
              "title": "Founder", "source": "website", "priority": "high", "estimatedValue": 50000, "description": "Inbound from pricing page",
              "customFields": { "utm_source": "google", "company_size": "50-100" } }
            """,
        [("PATCH", "api/v1/leads/{id}")] = """{ "status": "contacted", "attributes": { "phone": "+15551234567" } }""",
        [("POST", "api/v1/leads/check-duplicates")] = """{ "email": "alice@startup.io", "phone": "+1234567890" }""",
        [("PUT", "api/v1/leads/bulk-update")] = """{ "ids": ["01a20b17-8781-70ea-aeb7-ecf89702c73c"], "changes": { "assignedTo": "01a20b10-e231-7e29-9d54-169a36cb7bd1", "priority": "high" } }""",
        [("POST", "api/v1/leads/{id}/change-stage")] = """{ "stageId": "01a20b10-e443-7b36-a060-71db13023103", "stageFieldValues": { "proposal_amount": 50000 } }""",
        [("POST", "api/v1/leads/{id}/disqualify")] = """{ "reason": "no_budget", "notes": "Company confirmed no budget until next fiscal year" }""",
        [("PUT", "api/v1/leads/{id}/status")] = """{ "status": "qualified" }""",
        [("POST", "api/external/v1/leads")] = """
            { "name": "Jane Smith", "email": "jane@example.com", "phone": "+1 (800) 123-4567", "source": "Landing Page",
              "status": "new", "score": 80, "notes": "Requested a pricing callback" }
            """,
        [("PUT", "api/external/v1/leads/{id}/status")] = """{ "status": "qualified" }""",
    };

    public static IServiceCollection AddLeadDeskApiDocumentation(this IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "LeadDesk API",
                Version = "v1",
                Description = "The native API (/api/v1: leads, their parts, lead settings) and the external capture API "
                    + "(/api/external/v1/leads). Authenticate with an API token from Settings → API tokens: "
                    + "`Authorization: Bearer ld_…`. Scopes: leads:read, leads:write, settings:read, settings:write. "
                    + "Errors are application/problem+json on /api/v1 and { \"success\": false, \"error\": … } on the external API. "
                    + "Requests are rate-limited per token (429 with Retry-After).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "ld_ followed by 40 letters and digits",
                Description = "An API token. It acts in its own workspace with its scopes; a missing or bad token is 401 (403 on the external API).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var key = (context.Description.HttpMethod ?? "", context.Description.RelativePath?.TrimEnd('/') ?? "");
            if (RequestExamples.TryGetValue(key, out var example) && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = JsonNode.Parse(example);
            }
            return Task.CompletedTask;
        });
    });

    public static void MapLeadDeskApiDocumentation(this WebApplication app) => app.MapOpenApi(DocumentPath).AllowAnonymous();

    /// <summary>Swagger UI is static files: served early in the pipeline, like the rest of wwwroot.</summary>
    public static void UseLeadDeskApiDocumentation(this WebApplication app)
    {
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "LeadDesk API v1");
            options.RoutePrefix = UiPrefix;
            options.DocumentTitle = "LeadDesk API";
        });
    }
}
