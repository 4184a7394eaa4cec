using System.Diagnostics.CodeAnalysis;

namespace Kafka.Client.Protocol;

/// <summary>Throw helpers for record batches, kept out of the hot methods.</summary>
internal static class RecordErrors
{
    [DoesNotReturn]
    public static void Corrupt(int magic, string field, string problem) =>
        throw new KafkaProtocolException(RecordBatchLayout.MessageName, (short)magic, field, problem);

    [DoesNotReturn]
    public static void Truncated(int magic, string field, int needed, int left) =>
        Corrupt(magic, field, needed < 0 ? $"invalid length {needed}" : $"needs {needed} bytes but only {left} are left");

    [DoesNotReturn]
    public static void CrcMismatch(int magic, uint stored, uint computed) =>
        Corrupt(magic, "Crc", $"stored CRC 0x{stored:X8} does not match the computed 0x{computed:X8}");
}
