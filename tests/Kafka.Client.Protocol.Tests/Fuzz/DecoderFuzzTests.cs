using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kafka.Client.Protocol.Tests.Generated;
using Kafka.Client.Protocol.Tests.Messages;

namespace Kafka.Client.Protocol.Tests.Fuzz;

/// <summary>
/// Feeds random and mutated frames to every request and response decoder at every version (and to the embedded
/// schemas such as ConsumerProtocolSubscription, which also come from the network). Whatever the bytes, a decoder
/// may only return a message or throw <see cref="KafkaProtocolException"/>; it must never allocate much more than
/// the frame justifies; and a message it returns must write back and read again consistently.
/// </summary>
/// <remarks>
/// Deterministic: the seed is fixed (<see cref="DefaultSeed"/>) and logged. To explore further, set the
/// environment variables <c>KAFKA_FUZZ_SEED</c> and <c>KAFKA_FUZZ_FRAMES</c> (at least <see cref="MinimumFrames"/>).
/// A failure names the message, version, seed, frame number, how the frame was made and its hex, so it can be
/// replayed with <c>KafkaApis.ReadRequest</c>/<c>ReadResponse</c> over <c>new KafkaReader(Convert.FromHexString(hex).AsMemory())</c>.
/// </remarks>
public partial class DecoderFuzzTests
{
    private const int DefaultSeed = 0x0CAF_E5EE;
    private const int MinimumFrames = 100_000;
    private const int MaxRandomLength = 512;

    /// <summary>A decode may allocate at most this many bytes per input byte, plus <see cref="AllocationSlack"/>.</summary>
    private const long AllocationPerInputByte = 64;

    private const long AllocationSlack = 64 * 1024;

    /// <summary>Failures listed in the assertion message (all are counted).</summary>
    private const int MaxFailuresShown = 40;

    private delegate IKafkaMessage Decoder(ref KafkaReader reader, short version);

    /// <summary>One decoder at one version, with valid encodings to mutate.</summary>
    private sealed class Target(string name, short version, Decoder decode, byte[][] seeds)
    {
        public string Name { get; } = name;

        public short Version { get; } = version;

        public Decoder Decode { get; } = decode;

        /// <summary>Valid encodings at <see cref="Version"/>.</summary>
        public byte[][] Seeds { get; } = seeds;

        /// <summary>Valid encodings of the same message at its other versions (decoded at the wrong version).</summary>
        public byte[][] SiblingSeeds { get; set; } = [];

        public override string ToString() => $"{Name} v{Version}";
    }

    private sealed class Failure(string kind, string example)
    {
        public string Kind { get; } = kind;

        public string Example { get; } = example;

        public int Count { get; set; } = 1;
    }

    private sealed class Run(int seed)
    {
        public int Seed { get; } = seed;

        public long Frames { get; set; }

        public long Decoded { get; set; }

        public long ProtocolErrors { get; set; }

        public long MaxAllocated { get; set; }

        public string MaxAllocatedWhere { get; set; } = "";

        public Dictionary<string, Failure> Failures { get; } = new(StringComparer.Ordinal);

        public void Fail(string key, string kind, Func<string> example)
        {
            if (Failures.TryGetValue(key, out Failure? existing))
            {
                existing.Count++;
            }
            else
            {
                Failures.Add(key, new Failure(kind, example()));
            }
        }
    }

    [Test]
    public void Random_and_mutated_frames_make_decoders_throw_only_KafkaProtocolException()
    {
        int seed = EnvironmentInt("KAFKA_FUZZ_SEED") ?? DefaultSeed;
        int frames = Math.Max(MinimumFrames, EnvironmentInt("KAFKA_FUZZ_FRAMES") ?? MinimumFrames);
        TestContext.Out.WriteLine($"Decoder fuzz: seed {seed} (set KAFKA_FUZZ_SEED to change), at least {frames} frames.");

        List<Target> targets = BuildTargets();
        var run = new Run(seed);
        var random = new Random(seed);
        int rounds = (frames + targets.Count - 1) / targets.Count;

        var stopwatch = Stopwatch.StartNew();
        for (int round = 0; round < rounds; round++)
        {
            foreach (Target target in targets)
            {
                (byte[] input, string how) = NextFrame(random, target);
                bool overSpan = random.Next(8) == 0;
                FuzzOne(run, target, input, how, overSpan);
                run.Frames++;
            }
        }

        stopwatch.Stop();

        TestContext.Out.WriteLine(
            $"{run.Frames} frames over {targets.Count} decoder versions in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
            $"{run.Decoded} decoded, {run.ProtocolErrors} KafkaProtocolException, " +
            $"largest allocation {run.MaxAllocated} bytes ({run.MaxAllocatedWhere}).");

        Assert.That(run.Frames, Is.GreaterThanOrEqualTo(MinimumFrames));
        Assert.That(run.Decoded, Is.GreaterThan(0), "some mutated frames are still valid");
        Assert.That(run.ProtocolErrors, Is.GreaterThan(0), "most random frames are rejected");
        if (run.Failures.Count > 0)
        {
            Assert.Fail(Describe(run));
        }
    }

    [Test]
    public void Every_request_and_response_decoder_is_fuzzed_at_every_version()
    {
        List<Target> targets = BuildTargets();
        var names = targets.Select(t => t.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (ApiKey api in KafkaApis.All)
        {
            for (short v = KafkaApis.LowestVersion(api); v <= KafkaApis.HighestVersion(api); v++)
            {
                Assert.That(names, Does.Contain($"{api}Request v{v}").And.Contain($"{api}Response v{v}"));
            }
        }

        Assert.That(targets.All(t => t.Seeds.Length > 0), Is.True, "every target has a valid encoding to mutate");
    }

    [Test]
    public void Versions_the_codec_does_not_know_are_a_protocol_error()
    {
        byte[] frame = new byte[64];
        foreach (ApiKey api in KafkaApis.All)
        {
            foreach (short version in new[] { (short)-1, (short)(KafkaApis.HighestVersion(api) + 1), short.MaxValue })
            {
                Assert.Throws<KafkaProtocolException>(() =>
                {
                    var reader = new KafkaReader(new ReadOnlyMemory<byte>(frame));
                    KafkaApis.ReadRequest(api, ref reader, version);
                }, $"{api}Request v{version}");
                Assert.Throws<KafkaProtocolException>(() =>
                {
                    var reader = new KafkaReader(new ReadOnlyMemory<byte>(frame));
                    KafkaApis.ReadResponse(api, ref reader, version);
                }, $"{api}Response v{version}");
            }
        }
    }

    [Test]
    public void An_unknown_api_key_is_a_protocol_error()
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(ReadOnlyMemory<byte>.Empty);
            KafkaApis.ReadRequest((ApiKey)999, ref reader, 0);
        });
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(ReadOnlyMemory<byte>.Empty);
            KafkaApis.ReadResponse((ApiKey)(-2), ref reader, 0);
        });
    }

    // ---- one frame --------------------------------------------------------------------------------------------

    private static void FuzzOne(Run run, Target target, byte[] input, string how, bool overSpan)
    {
        string Where() =>
            $"{target} (seed {run.Seed}, frame {run.Frames}, {how}, reader over {(overSpan ? "span" : "memory")}, {input.Length} bytes)\n      hex: {Convert.ToHexString(input)}";

        IKafkaMessage? decoded = null;
        Exception? unexpected = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            decoded = Decode(target, input, overSpan);
        }
        catch (KafkaProtocolException)
        {
            run.ProtocolErrors++;
        }
#pragma warning disable CA1031 // The point of the test: anything else is caught and reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            unexpected = e;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        if (unexpected is not null)
        {
            run.Fail($"{target}|{unexpected.GetType().Name}|{TopFrame(unexpected)}", "unexpected exception",
                () => $"{Where()}\n      {unexpected.GetType().FullName}: {unexpected.Message}\n      at {TopFrame(unexpected)}");
            return;
        }

        long limit = (AllocationPerInputByte * input.Length) + AllocationSlack;
        if (allocated > limit)
        {
            // Once more, so that one-time costs (type initialisers, first exception) do not count.
            allocated = MeasureAllocation(target, input, overSpan);
            if (allocated > limit)
            {
                run.Fail($"{target}|allocation", "allocation",
                    () => $"{Where()}\n      allocated {allocated} bytes, limit {limit}");
            }
        }

        if (allocated > run.MaxAllocated)
        {
            run.MaxAllocated = allocated;
            run.MaxAllocatedWhere = $"{target}, {input.Length}-byte input";
        }

        if (decoded is null)
        {
            return;
        }

        run.Decoded++;
        CheckReencoding(run, target, decoded, Where);
    }

    /// <summary>A message a decoder accepted writes without error, GetSize agrees, and it reads back to the same bytes.</summary>
    private static void CheckReencoding(Run run, Target target, IKafkaMessage decoded, Func<string> where)
    {
        try
        {
            byte[] first = RoundTripTests.Encode(decoded, target.Version);
            int size = decoded.GetSize(target.Version);
            if (size != first.Length)
            {
                run.Fail($"{target}|size", "GetSize differs from Write",
                    () => $"{where()}\n      GetSize {size}, Write wrote {first.Length}: {Convert.ToHexString(first)}");
                return;
            }

            var reader = new KafkaReader(new ReadOnlyMemory<byte>(first));
            IKafkaMessage again = target.Decode(ref reader, target.Version);
            int unread = reader.Remaining;
            byte[] second = RoundTripTests.Encode(again, target.Version);
            if (unread != 0 || !first.AsSpan().SequenceEqual(second))
            {
                run.Fail($"{target}|unstable", "write, read, write is not stable",
                    () => $"{where()}\n      first write {Convert.ToHexString(first)}\n      second write {Convert.ToHexString(second)}, {unread} bytes left unread");
            }
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            run.Fail($"{target}|reencode|{e.GetType().Name}|{TopFrame(e)}", "writing a decoded message fails",
                () => $"{where()}\n      {e.GetType().FullName}: {e.Message}\n      at {TopFrame(e)}");
        }
    }

    private static IKafkaMessage Decode(Target target, byte[] input, bool overSpan)
    {
        var reader = overSpan ? new KafkaReader(input.AsSpan()) : new KafkaReader(new ReadOnlyMemory<byte>(input));
        return target.Decode(ref reader, target.Version);
    }

    private static long MeasureAllocation(Target target, byte[] input, bool overSpan)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Decode(target, input, overSpan);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            // Already classified by the first decode.
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    private static List<Target> BuildTargets()
    {
        var targets = new List<Target>();
        var samples = MessageSamples.All.ToDictionary(s => s.Name, StringComparer.Ordinal);

        foreach (ApiKey api in KafkaApis.All)
        {
            short lowest = KafkaApis.LowestVersion(api);
            short highest = KafkaApis.HighestVersion(api);
            foreach (bool request in new[] { true, false })
            {
                string name = $"{api}{(request ? "Request" : "Response")}";
                Assert.That(samples.TryGetValue(name, out var range), Is.True, $"MessageSamples has {name}");
                Assert.That((range.Lowest, range.Highest), Is.EqualTo((lowest, highest)), $"{name} versions");
                Decoder decode = request
                    ? (ref KafkaReader reader, short version) => KafkaApis.ReadRequest(api, ref reader, version)
                    : (ref KafkaReader reader, short version) => KafkaApis.ReadResponse(api, ref reader, version);
                AddTargets(targets, name, lowest, highest, decode);
            }
        }

        // Embedded schemas (ConsumerProtocolSubscription, ConsumerProtocolAssignment, DefaultPrincipalData, KRaft
        // control records...): their bytes come from other clients or brokers, so they get the same treatment.
        foreach (var (name, lowest, highest) in MessageSamples.All)
        {
            if (!name.EndsWith("Request", StringComparison.Ordinal) && !name.EndsWith("Response", StringComparison.Ordinal))
            {
                AddTargets(targets, name, lowest, highest, (ref KafkaReader reader, short version) => MessageSamples.Read(name, ref reader, version));
            }
        }

        return targets;
    }

    private static void AddTargets(List<Target> targets, string name, short lowest, short highest, Decoder decode)
    {
        var versions = new List<Target>();
        for (short v = lowest; v <= highest; v++)
        {
            var seeds = new List<byte[]> { RoundTripTests.Encode(MessageSamples.Create(name, v), v) };
            if (EncodeDefault(name, v) is { } empty)
            {
                seeds.Add(empty);
            }

            versions.Add(new Target(name, v, decode, [.. seeds]));
        }

        foreach (Target target in versions)
        {
            target.SiblingSeeds = [.. versions.Where(other => other != target).SelectMany(other => other.Seeds)];
        }

        targets.AddRange(versions);
    }

    /// <summary>The encoding of a message with every field at its default, a second, minimal seed.</summary>
    private static byte[]? EncodeDefault(string name, short version)
    {
        Type? type = typeof(KafkaApis).Assembly.GetType($"Kafka.Client.Protocol.Messages.{name}");
        if (type is null || Activator.CreateInstance(type) is not IKafkaMessage message)
        {
            return null;
        }

        try
        {
            return RoundTripTests.Encode(message, version);
        }
        catch (KafkaProtocolException)
        {
            return null; // A default that this version cannot write (a non-nullable field defaulting to null, say).
        }
    }

    // ---- reporting --------------------------------------------------------------------------------------------

    private static string Describe(Run run)
    {
        var text = new StringBuilder();
        int total = run.Failures.Values.Sum(f => f.Count);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{run.Failures.Count} distinct decoder failures ({total} frames) with seed {run.Seed}:");
        foreach (var group in run.Failures.Values.GroupBy(f => f.Kind))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} distinct");
        }

        foreach (Failure failure in run.Failures.Values.Take(MaxFailuresShown))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- [{failure.Kind}, {failure.Count} frames] {failure.Example}");
        }

        if (run.Failures.Count > MaxFailuresShown)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"... and {run.Failures.Count - MaxFailuresShown} more.");
        }

        return text.ToString();
    }

    private static string TopFrame(Exception e)
    {
        string? trace = e.StackTrace;
        if (trace is null)
        {
            return "?";
        }

        string first = trace.Split('\n')[0].Trim();
        return first.StartsWith("at ", StringComparison.Ordinal) ? first[3..] : first;
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
