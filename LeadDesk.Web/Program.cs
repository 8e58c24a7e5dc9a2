using LeadDesk.Core;
using LeadDesk.Core.Data;
using LeadDesk.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddLeadDeskCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddLeadDeskWeb();

var app = builder.Build();

if (!await app.Services.PrepareDatabaseAsync())
{
    return 1;
}

app.UseLeadDeskPipeline();
app.MapLeadDeskEndpoints();

await app.RunAsync();
return 0;

public partial class Program;
