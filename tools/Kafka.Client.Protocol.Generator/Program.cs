// dotnet run --project tools/Kafka.Client.Protocol.Generator -- --spec <dir> --out <dir> [--samples <file>]
string? spec = null, output = null, samples = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--spec" when i + 1 < args.Length:
            spec = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--samples" when i + 1 < args.Length:
            samples = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
            Console.Error.WriteLine("Usage: --spec <folder of Kafka's *.json> --out <folder for *.g.cs> [--samples <test samples .g.cs>]");
            return 2;
    }
}

if (spec is null || output is null)
{
    Console.Error.WriteLine("Usage: --spec <folder of Kafka's *.json> --out <folder for *.g.cs> [--samples <test samples .g.cs>]");
    return 2;
}

if (!Directory.Exists(spec))
{
    Console.Error.WriteLine($"Spec folder '{spec}' does not exist.");
    return 1;
}

int count = Kafka.Client.Protocol.Generator.Generator.Run(spec, output, samples);
Console.WriteLine($"Generated {count} messages into {output}.");
return 0;
