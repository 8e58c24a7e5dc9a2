using LeadDesk.Core;
using LeadDesk.Core.Data;
using LeadDesk.Web;
using LeadDesk.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLeadDeskCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddLeadDeskWeb(builder.Configuration, builder.Environment);

// Disposed on every way out: the console logger writes from a queue, and a start-up failure's one line must not be lost.
await using var app = builder.Build();

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
