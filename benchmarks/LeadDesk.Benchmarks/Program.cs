using System.Globalization;
using LeadDesk.Benchmarks;

// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- generate --db /tmp/bench.db [--leads 100000] [--board-open 10000]
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- pages --db /tmp/bench.db [--requests 100]
var command = args.FirstOrDefault();
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, $"--{name}");
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (command)
{
    case "generate":
        await LeadGenerator.RunAsync(Path.GetFullPath(Option("db", "bench.db")), Number("leads", 100_000), Number("board-open", 10_000));
        return 0;
    case "pages":
        return await PageBenchmark.RunAsync(Path.GetFullPath(Option("db", "bench.db")), Number("requests", 100));
    default:
        Console.Error.WriteLine("usage: generate --db FILE [--leads N] [--board-open N] | pages --db FILE [--requests N]");
        return 2;
}
