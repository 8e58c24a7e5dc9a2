using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace LeadDesk.Benchmarks;

/// <summary>
/// The app's managed heap after a full garbage collection, read from outside through the runtime's diagnostics port:
/// asking for the GC heap-collect events makes the runtime run a blocking gen-2 collection (as dotnet-gcdump does), and
/// its heap statistics say what is still alive.
/// </summary>
internal static class ManagedHeap
{
    public static async Task<double> AfterFullCollectionMegabytesAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var fullCollection = false;
        double? megabytes = null;
        source.Clr.GCStart += e => fullCollection = e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (fullCollection && megabytes is null)
            {
                megabytes = e.TotalHeapSize / 1024.0 / 1024.0;
                session.Stop();
            }
        };
        var reading = Task.Run(source.Process);
        if (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(60))) != reading)
        {
            session.Stop();
        }
        await reading;
        return megabytes ?? throw new InvalidOperationException("The app ran no full collection within a minute.");
    }
}
