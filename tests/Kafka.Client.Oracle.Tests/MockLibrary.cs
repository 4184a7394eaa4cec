using System.Runtime.InteropServices;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// One librdkafka native library and the functions of it the mock cluster needs, bound by address so that two
/// librdkafka builds (each dlopen'ed locally) can serve mock clusters in one test process.
/// </summary>
internal sealed unsafe class MockLibrary
{
    private static readonly Lazy<MockLibrary> RedistLibrary = new(() => Load("librdkafka 2.16 (librdkafka.redist)", RedistCandidates(), "restore the NuGet packages (Confluent.Kafka brings librdkafka.redist)"));
    private static readonly Lazy<MockLibrary> DebianLibrary = new(() => Load("librdkafka 2.0.2 (Debian librdkafka1)", ["/usr/lib/x86_64-linux-gnu/librdkafka.so.1"], "apt-get install librdkafka1 (.ci/run does)"));

    private MockLibrary(string name, IntPtr handle)
    {
        Name = name;
        ConfNew = (delegate* unmanaged[Cdecl]<IntPtr>)NativeLibrary.GetExport(handle, "rd_kafka_conf_new");
        ConfSet = (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(handle, "rd_kafka_conf_set");
        ConfSetLogCallback = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr, void>, void>)NativeLibrary.GetExport(handle, "rd_kafka_conf_set_log_cb");
        New = (delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr>)NativeLibrary.GetExport(handle, "rd_kafka_new");
        Destroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(handle, "rd_kafka_destroy");
        ClusterNew = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)NativeLibrary.GetExport(handle, "rd_kafka_mock_cluster_new");
        ClusterDestroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(handle, "rd_kafka_mock_cluster_destroy");
        ClusterBootstraps = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)NativeLibrary.GetExport(handle, "rd_kafka_mock_cluster_bootstraps");
        TopicCreate = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int>)NativeLibrary.GetExport(handle, "rd_kafka_mock_topic_create");
        PartitionSetLeader = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int>)NativeLibrary.GetExport(handle, "rd_kafka_mock_partition_set_leader");
        BrokerSetDown = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(handle, "rd_kafka_mock_broker_set_down");
        BrokerSetUp = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(handle, "rd_kafka_mock_broker_set_up");
        PushRequestErrors = (delegate* unmanaged[Cdecl]<IntPtr, short, nuint, int*, void>)NativeLibrary.GetExport(handle, "rd_kafka_mock_push_request_errors_array");
        SetApiVersion = (delegate* unmanaged[Cdecl]<IntPtr, short, short, short, int>)NativeLibrary.GetExport(handle, "rd_kafka_mock_set_apiversion");
        NativeLibrary.TryGetExport(handle, "rd_kafka_mock_set_group_consumer_session_timeout_ms", out IntPtr sessionTimeout);
        SetGroupConsumerSessionTimeout = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)sessionTimeout;
        NativeLibrary.TryGetExport(handle, "rd_kafka_mock_set_group_consumer_heartbeat_interval_ms", out IntPtr heartbeatInterval);
        SetGroupConsumerHeartbeatInterval = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)heartbeatInterval;
    }

    /// <summary>
    /// The redist's <c>centos8-librdkafka.so</c>: its default <c>librdkafka.so</c> links <c>libsasl2.so.3</c>, which
    /// Debian lacks, while the centos8 build needs nothing beyond glibc.
    /// </summary>
    public static MockLibrary Redist => RedistLibrary.Value;

    /// <summary>Debian 12's <c>librdkafka1</c> package: librdkafka 2.0.2, whose mock brokers are of an older generation.</summary>
    public static MockLibrary Debian => DebianLibrary.Value;

    public string Name { get; }

    public delegate* unmanaged[Cdecl]<IntPtr> ConfNew { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int> ConfSet { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr, void>, void> ConfSetLogCallback { get; }

    public delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr> New { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, void> Destroy { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> ClusterNew { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, void> ClusterDestroy { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr> ClusterBootstraps { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int> TopicCreate { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int> PartitionSetLeader { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int, int> BrokerSetDown { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int, int> BrokerSetUp { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, short, nuint, int*, void> PushRequestErrors { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, short, short, short, int> SetApiVersion { get; }

    /// <summary>The consumer-protocol groups' session timeout (KIP-848 mock, librdkafka 2.5+); null in older libraries.</summary>
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetGroupConsumerSessionTimeout { get; }

    /// <summary>The consumer-protocol groups' heartbeat interval (KIP-848 mock, librdkafka 2.5+); null in older libraries.</summary>
    public delegate* unmanaged[Cdecl]<IntPtr, int, void> SetGroupConsumerHeartbeatInterval { get; }

    public override string ToString() => Name;

    private static string[] RedistCandidates() =>
    [
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "librdkafka.redist", "2.16.0", "runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
    ];

    private static MockLibrary Load(string name, string[] candidates, string remedy)
    {
        string found = candidates.FirstOrDefault(File.Exists)
            ?? throw new DllNotFoundException($"{name} was not found in: {string.Join(", ", candidates)}; {remedy}.");
        return new MockLibrary(name, NativeLibrary.Load(found));
    }
}
