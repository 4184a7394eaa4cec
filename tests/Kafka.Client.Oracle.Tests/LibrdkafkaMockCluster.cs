using System.Runtime.InteropServices;
using System.Text;
using Kafka.Client.Protocol;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// librdkafka's mock cluster (the broker librdkafka tests itself with), hosted in this process through a librdkafka
/// native library (<see cref="MockLibrary"/>): N brokers on loopback TCP with fault controls. It is an independent
/// Kafka implementation, so a mistake our client shares with our own broker shows here.
/// </summary>
internal sealed unsafe class LibrdkafkaMockCluster : IDisposable
{
    // The mock logs from its own threads, which carry no test context, so its lines go to a file of their own.
    private static readonly Lock LogLock = new();
    private static readonly string LogPath = Path.Combine(Path.GetTempPath(), "kafka-oracle-mock.log");

    private readonly MockLibrary _library;
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers (ids 1..N) in <paramref name="library"/>.</summary>
    public LibrdkafkaMockCluster(MockLibrary library, int brokers = 3)
    {
        _library = library;
        IntPtr conf = library.ConfNew();
        // A quiet owner handle: the mock cluster runs on the handle's threads. KAFKA_ORACLE_DEBUG=mock,protocol (any
        // librdkafka debug contexts) writes what the mock brokers receive and answer to kafka-oracle-mock.log in the temp folder.
        string? debug = Environment.GetEnvironmentVariable("KAFKA_ORACLE_DEBUG");
        Set(conf, "log_level", debug is null ? "0" : "7");
        if (debug is not null)
        {
            Set(conf, "debug", debug);
            library.ConfSetLogCallback(conf, &OnLog);
        }

        var error = new byte[512];
        fixed (byte* buffer = error)
        {
            _handle = library.New(0, conf, buffer, (nuint)error.Length);
        }

        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"rd_kafka_new of {library} failed: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        _cluster = library.ClusterNew(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            library.Destroy(_handle);
            throw new InvalidOperationException($"rd_kafka_mock_cluster_new of {library} failed");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(library.ClusterBootstraps(_cluster))!;
        Brokers = brokers;
    }

    /// <summary>host:port of every broker, comma separated.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers (ids 1..N).</summary>
    public int Brokers { get; }

    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        fixed (byte* name = Utf8(topic))
        {
            Check(_library.TopicCreate(_cluster, name, partitions, replicationFactor), $"create topic {topic}");
        }
    }

    public void SetLeader(string topic, int partition, int brokerId)
    {
        fixed (byte* name = Utf8(topic))
        {
            Check(_library.PartitionSetLeader(_cluster, name, partition, brokerId), $"move the leader of {topic} [{partition}]");
        }
    }

    public void BrokerDown(int brokerId) => Check(_library.BrokerSetDown(_cluster, brokerId), $"stop broker {brokerId}");

    public void BrokerUp(int brokerId) => Check(_library.BrokerSetUp(_cluster, brokerId), $"start broker {brokerId}");

    /// <summary>The next requests of <paramref name="api"/> (on any broker) are answered with these errors, one each.</summary>
    public void PushRequestErrors(ApiKey api, params ErrorCode[] errors)
    {
        int[] codes = [.. errors.Select(e => (int)e)];
        fixed (int* first = codes)
        {
            _library.PushRequestErrors(_cluster, (short)api, (nuint)codes.Length, first);
        }
    }

    /// <summary>Sets the versions of <paramref name="api"/> the brokers advertise (and accept).</summary>
    public void SetApiVersion(ApiKey api, short min, short max) =>
        Check(_library.SetApiVersion(_cluster, (short)api, min, max), $"set the versions of {api}");

    /// <summary>The session timeout and heartbeat interval of consumer-protocol groups (the broker's <c>group.consumer.*</c>).</summary>
    /// <exception cref="NotSupportedException">The library's mock has no KIP-848 consumer groups.</exception>
    public void SetConsumerGroupTimeouts(int sessionTimeoutMs, int heartbeatIntervalMs)
    {
        if (_library.SetGroupConsumerSessionTimeout == null || _library.SetGroupConsumerHeartbeatInterval == null)
        {
            throw new NotSupportedException($"{_library}'s mock cluster has no consumer-protocol groups (KIP-848).");
        }

        _library.SetGroupConsumerSessionTimeout(_cluster, sessionTimeoutMs);
        _library.SetGroupConsumerHeartbeatInterval(_cluster, heartbeatIntervalMs);
    }

    public void Dispose()
    {
        _library.ClusterDestroy(_cluster);
        _library.Destroy(_handle);
    }

    private void Set(IntPtr conf, string name, string value)
    {
        var error = new byte[512];
        fixed (byte* key = Utf8(name), text = Utf8(value), buffer = error)
        {
            if (_library.ConfSet(conf, key, text, buffer, (nuint)error.Length) != 0)
            {
                throw new InvalidOperationException($"{_library} refused {name}={value}: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
            }
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: {(ErrorCode)error}");
        }
    }

    /// <summary>librdkafka's log lines, to <see cref="LogPath"/> (only with KAFKA_ORACLE_DEBUG).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void OnLog(IntPtr handle, int level, IntPtr facility, IntPtr message)
    {
        lock (LogLock)
        {
            File.AppendAllText(LogPath, $"{DateTime.UtcNow:HH:mm:ss.fff} mock {Marshal.PtrToStringUTF8(facility)}: {Marshal.PtrToStringUTF8(message)}\n");
        }
    }
}
