using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Kafka.Client.Protocol;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// librdkafka's mock cluster (the broker librdkafka tests itself with), hosted in this process through the native
/// library of the <c>librdkafka.redist</c> package: N brokers on loopback TCP with fault controls. It is an
/// independent Kafka implementation, so a mistake our client shares with our own broker shows here.
/// </summary>
/// <remarks>
/// The redist's default <c>librdkafka.so</c> links <c>libsasl2.so.3</c>, which Debian lacks; its
/// <c>centos8-librdkafka.so</c> build needs nothing beyond glibc, so that one is loaded.
/// </remarks>
internal sealed partial class LibrdkafkaMockCluster : IDisposable
{
    private const string Library = "rdkafka-mock";
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    static LibrdkafkaMockCluster() => NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMockCluster).Assembly, Resolve);

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers (ids 1..N).</summary>
    public LibrdkafkaMockCluster(int brokers = 3)
    {
        IntPtr conf = rd_kafka_conf_new();
        var error = new byte[512];
        // A quiet owner handle: the mock cluster runs on the handle's threads. KAFKA_ORACLE_DEBUG=mock,protocol (any
        // librdkafka debug contexts) writes what the mock brokers receive and answer to kafka-oracle-mock.log in the temp folder.
        string? debug = Environment.GetEnvironmentVariable("KAFKA_ORACLE_DEBUG");
        _ = rd_kafka_conf_set(conf, "log_level", debug is null ? "0" : "7", error, (nuint)error.Length);
        if (debug is not null)
        {
            _ = rd_kafka_conf_set(conf, "debug", debug, error, (nuint)error.Length);
            unsafe
            {
                rd_kafka_conf_set_log_cb(conf, &OnLog);
            }
        }
        _handle = rd_kafka_new(0, conf, error, (nuint)error.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        _cluster = rd_kafka_mock_cluster_new(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(_handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))!;
        Brokers = brokers;
    }

    /// <summary>host:port of every broker, comma separated.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers (ids 1..N).</summary>
    public int Brokers { get; }

    public void CreateTopic(string topic, int partitions, int replicationFactor) =>
        Check(rd_kafka_mock_topic_create(_cluster, topic, partitions, replicationFactor), $"create topic {topic}");

    public void SetLeader(string topic, int partition, int brokerId) =>
        Check(rd_kafka_mock_partition_set_leader(_cluster, topic, partition, brokerId), $"move the leader of {topic} [{partition}]");

    public void BrokerDown(int brokerId) => Check(rd_kafka_mock_broker_set_down(_cluster, brokerId), $"stop broker {brokerId}");

    public void BrokerUp(int brokerId) => Check(rd_kafka_mock_broker_set_up(_cluster, brokerId), $"start broker {brokerId}");

    /// <summary>The next requests of <paramref name="api"/> (on any broker) are answered with these errors, one each.</summary>
    public void PushRequestErrors(ApiKey api, params ErrorCode[] errors)
    {
        int[] codes = [.. errors.Select(e => (int)e)];
        rd_kafka_mock_push_request_errors_array(_cluster, (short)api, (nuint)codes.Length, codes);
    }

    /// <summary>Sets the versions of <paramref name="api"/> the brokers advertise (and accept).</summary>
    public void SetApiVersion(ApiKey api, short min, short max) =>
        Check(rd_kafka_mock_set_apiversion(_cluster, (short)api, min, max), $"set the versions of {api}");

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_handle);
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: {(ErrorCode)error}");
        }
    }

    // The mock logs from its own threads, which carry no test context, so its lines go to a file of their own.
    private static readonly Lock LogLock = new();
    private static readonly string LogPath = Path.Combine(Path.GetTempPath(), "kafka-oracle-mock.log");

    /// <summary>librdkafka's log lines, to <see cref="LogPath"/> (only with KAFKA_ORACLE_DEBUG).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void OnLog(IntPtr handle, int level, IntPtr facility, IntPtr message)
    {
        lock (LogLock)
        {
            File.AppendAllText(LogPath, $"{DateTime.UtcNow:HH:mm:ss.fff} mock {Marshal.PtrToStringUTF8(facility)}: {Marshal.PtrToStringUTF8(message)}\n");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "librdkafka.redist", "2.16.0", "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
        ];
        string found = candidates.FirstOrDefault(File.Exists)
            ?? throw new DllNotFoundException("librdkafka's centos8-librdkafka.so (from the librdkafka.redist package) was not found in: " + string.Join(", ", candidates));
        return NativeLibrary.Load(found);
    }

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static unsafe partial void rd_kafka_conf_set_log_cb(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr, void> callback);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] error, nuint errorSize);

    [LibraryImport(Library)]
    private static partial void rd_kafka_destroy(IntPtr handle);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_new(IntPtr handle, int brokers);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Library)]
    private static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_mock_partition_set_leader(IntPtr cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    private static partial void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short api, nuint count, int[] errors);

    [LibraryImport(Library)]
    private static partial int rd_kafka_mock_set_apiversion(IntPtr cluster, short api, short min, short max);
}
