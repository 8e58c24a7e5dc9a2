using LeadDesk.Core;
using LeadDesk.Core.Data;
using LeadDesk.Web;
using LeadDesk.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLeadDeskCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddLeadDeskWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

if (!app.Services.CheckSecuritySettings() || !await app.Services.PrepareDatabaseAsync())
{
    return 1;
}
await app.Services.EncryptStoredKeysAsync();

app.UseLeadDeskPipeline();
app.MapLeadDeskEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
