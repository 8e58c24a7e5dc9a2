namespace LeadDesk.Core.Documents;

/// <summary>Bound from <c>Documents</c>.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Folder for uploaded files, relative to the content root; never under wwwroot.</summary>
    public string Path { get; set; } = "App_Data/documents";
}

/// <summary>Uploaded files on disk, one folder per workspace, named by document id (never by the user's file name).</summary>
public sealed class DocumentStorage(string root)
{
    public string Root { get; } = root;

    public string PathOf(Guid workspaceId, Guid documentId) =>
        System.IO.Path.Combine(Root, workspaceId.ToString("N"), documentId.ToString("N"));

    /// <summary>Copies at most <paramref name="maxBytes"/>; returns the size, or -1 (and keeps nothing) when the upload is larger.</summary>
    public async Task<long> SaveAsync(Guid workspaceId, Guid documentId, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(workspaceId, documentId);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var buffer = new byte[81_920];
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    break;
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            // An upload cut off half way (the browser closed, the request aborted) leaves no partial file behind.
            Delete(workspaceId, documentId);
            throw;
        }
        if (total > maxBytes)
        {
            Delete(workspaceId, documentId);
            return -1;
        }
        return total;
    }

    public Stream Open(Guid workspaceId, Guid documentId) =>
        new FileStream(PathOf(workspaceId, documentId), FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);

    /// <summary>Deletes the file if it is there; throws (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) when it cannot.</summary>
    public void Delete(Guid workspaceId, Guid documentId)
    {
        try
        {
            File.Delete(PathOf(workspaceId, documentId));
        }
        catch (DirectoryNotFoundException)
        {
            // The workspace never stored a file: nothing to delete.
        }
    }
}
