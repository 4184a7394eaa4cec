namespace Kafka.Client;

/// <summary>The first offset still in a partition and the offset the next message will get (the high watermark).</summary>
/// <param name="Low">The log start offset; <see cref="Offset.Unset"/> when unknown.</param>
/// <param name="High">The high watermark; <see cref="Offset.Unset"/> when unknown.</param>
public readonly record struct WatermarkOffsets(long Low, long High);
