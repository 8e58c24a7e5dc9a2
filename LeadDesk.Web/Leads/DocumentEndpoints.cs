using LeadDesk.Core.Documents;
using LeadDesk.Core.Workspaces;

namespace LeadDesk.Web.Leads;

/// <summary>Download, always as an attachment. Uploads go through the documents tab's circuit (DocumentsTab).</summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/leads/{id:guid}/documents/{documentId:guid}", DownloadAsync).RequireAuthorization(Permissions.LeadsView);
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid documentId, DocumentService documents, CancellationToken cancellationToken)
    {
        var download = await documents.OpenAsync(id, documentId, cancellationToken);
        // Served as an attachment with its stored type: never rendered inline on our origin.
        return Results.Stream(download.Content, download.ContentType, download.FileName);
    }
}
