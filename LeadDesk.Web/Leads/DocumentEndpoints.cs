using FluentValidation;
using LeadDesk.Core.Documents;
using LeadDesk.Core.Workspaces;
using LeadDesk.Web.Components.Pages.Leads;
using LeadDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LeadDesk.Web.Leads;

/// <summary>Upload (a multipart form post, then back to the tab) and download (always as an attachment).</summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/leads/{id:guid}/documents");
        documents.MapPost("", UploadAsync)
            .RequireAuthorization(Permissions.LeadsEdit)
            // A little over the file limit, for the multipart framing; larger bodies are refused before they are read.
            .WithMetadata(new RequestSizeLimitAttribute(LeadDocument.MaxSizeBytes + 64 * 1024));
        documents.MapGet("/{documentId:guid}", DownloadAsync).RequireAuthorization(Permissions.LeadsView);
    }

    private static async Task<IResult> UploadAsync(Guid id, IFormFile? file, DocumentService documents, Toasts toasts, CancellationToken cancellationToken)
    {
        var back = LeadTabs.Url(id, LeadTabs.Documents);
        if (file is null)
        {
            toasts.Error("Choose a file to upload.");
            return Results.LocalRedirect(back);
        }
        try
        {
            await using var content = file.OpenReadStream();
            await documents.UploadAsync(id, file.FileName, file.ContentType, content, cancellationToken);
            toasts.Success($"{DocumentService.SafeFileName(file.FileName)} uploaded.");
        }
        catch (ValidationException ex)
        {
            toasts.Error(ex.Errors.First().ErrorMessage);
        }
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid documentId, DocumentService documents, CancellationToken cancellationToken)
    {
        var download = await documents.OpenAsync(id, documentId, cancellationToken);
        // Served as an attachment with its stored type: never rendered inline on our origin.
        return Results.Stream(download.Content, download.ContentType, download.FileName);
    }
}
