using System.Globalization;
using LeadDesk.Benchmarks;

// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- generate --db /tmp/bench.db [--leads 100000] [--board-open 10000]
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- pages --db /tmp/bench.db [--requests 100]
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- api --db /tmp/bench.db [--requests 500] [--clients 32] [--seconds 20]
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- serve --db /tmp/bench.db   (prints URL= and BENCH_TOKEN=; stops when stdin closes)
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- circuits --db /tmp/bench.db [--samples 40] [--circuits 100]
// dotnet run -c Release --project benchmarks/LeadDesk.Benchmarks -- durability --db /tmp/bench.db [--rounds 5] [--clients 32]
// (Database__SqliteSynchronous=Normal in the environment runs the app with synchronous=NORMAL instead of FULL)
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
    case "api":
        return await ApiBenchmark.RunAsync(Path.GetFullPath(Option("db", "bench.db")), Number("requests", 500), Number("clients", 32), Number("seconds", 20));
    case "serve":
        return await ApiBenchmark.ServeAsync(Path.GetFullPath(Option("db", "bench.db")));
    case "circuits":
        return await CircuitBenchmark.RunAsync(Path.GetFullPath(Option("db", "bench.db")), Number("samples", 40), Number("circuits", 100));
    case "durability":
        return await DurabilityBenchmark.RunAsync(Path.GetFullPath(Option("db", "bench.db")), Number("rounds", 5), Number("clients", 32));
    default:
        Console.Error.WriteLine("usage: generate --db FILE [--leads N] [--board-open N] | pages --db FILE [--requests N] | api --db FILE [--requests N] [--clients N] [--seconds N] | serve --db FILE | circuits --db FILE [--samples N] [--circuits N] | durability --db FILE [--rounds N] [--clients N]");
        return 2;
}
