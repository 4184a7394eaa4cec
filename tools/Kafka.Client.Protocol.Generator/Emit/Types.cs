using System.Globalization;
using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>How each JSON type maps to C#: property types, defaults, fixed sizes and reader/writer calls.</summary>
public static class Types
{
    public const string Protocol = "global::Kafka.Client.Protocol.";
    public const string Messages = "global::Kafka.Client.Protocol.Messages.";
    public const string Memory = "global::System.ReadOnlyMemory<byte>";
    public const string ListOf = "global::System.Collections.Generic.List";

    /// <summary>The C# type of one element (the field's type for a non-array).</summary>
    public static string ElementCs(FieldSpec field, MessageSpec message) => field.ElementType switch
    {
        "bool" => "bool",
        "int8" => "sbyte",
        "int16" => "short",
        "uint16" => "ushort",
        "int32" => "int",
        "uint32" => "uint",
        "int64" => "long",
        "float64" => "double",
        "uuid" => Protocol + "KafkaUuid",
        "string" => "string",
        "bytes" or "records" => Memory,
        _ => Messages + message.Name + "." + field.Struct!.ClassName,
    };

    /// <summary>The property's C# type, nullable when the field is nullable in any version.</summary>
    public static string PropertyCs(FieldSpec field, MessageSpec message)
    {
        string element = ElementCs(field, message);
        string type = field.IsArray ? $"{ListOf}<{element}>" : element;
        return NeedsNullableType(field) ? type + "?" : type;
    }

    /// <summary>True when the C# property may hold null.</summary>
    public static bool NeedsNullableType(FieldSpec field) =>
        field.IsNullableAnywhere || (field.Type == "records" && field.Default == "null")
        || (field.Default == "null");

    /// <summary>Bytes taken by a fixed-size element, or null for variable-size ones.</summary>
    public static int? FixedSize(string elementType) => elementType switch
    {
        "bool" or "int8" => 1,
        "int16" or "uint16" => 2,
        "int32" or "uint32" => 4,
        "int64" or "float64" => 8,
        "uuid" => 16,
        _ => null,
    };

    public static string ReadPrimitive(string elementType, string fieldName) => elementType switch
    {
        "bool" => $"reader.ReadBool({fieldName})",
        "int8" => $"reader.ReadInt8({fieldName})",
        "int16" => $"reader.ReadInt16({fieldName})",
        "uint16" => $"reader.ReadUInt16({fieldName})",
        "int32" => $"reader.ReadInt32({fieldName})",
        "uint32" => $"reader.ReadUInt32({fieldName})",
        "int64" => $"reader.ReadInt64({fieldName})",
        "float64" => $"reader.ReadFloat64({fieldName})",
        "uuid" => $"reader.ReadUuid({fieldName})",
        _ => throw new InvalidOperationException(elementType),
    };

    public static string WritePrimitive(string elementType, string value) => elementType switch
    {
        "bool" => $"writer.WriteBool({value});",
        "int8" => $"writer.WriteInt8({value});",
        "int16" => $"writer.WriteInt16({value});",
        "uint16" => $"writer.WriteUInt16({value});",
        "int32" => $"writer.WriteInt32({value});",
        "uint32" => $"writer.WriteUInt32({value});",
        "int64" => $"writer.WriteInt64({value});",
        "float64" => $"writer.WriteFloat64({value});",
        "uuid" => $"writer.WriteUuid({value});",
        _ => throw new InvalidOperationException(elementType),
    };

    /// <summary>The C# literal of a numeric or boolean default.</summary>
    public static string NumericLiteral(string elementType, string? text)
    {
        if (elementType == "bool")
        {
            return text is null ? "false" : text.Trim().ToLowerInvariant() == "true" ? "true" : "false";
        }

        if (elementType == "float64")
        {
            double d = text is null ? 0 : double.Parse(text, CultureInfo.InvariantCulture);
            return d.ToString("R", CultureInfo.InvariantCulture) + "d";
        }

        long value = text is null ? 0 : SpecReader.ParseInteger(text);
        string literal = elementType switch
        {
            "int8" => ((sbyte)value).ToString(CultureInfo.InvariantCulture),
            "int16" => ((short)value).ToString(CultureInfo.InvariantCulture),
            "uint16" => ((ushort)value).ToString(CultureInfo.InvariantCulture),
            "int32" => ((int)value).ToString(CultureInfo.InvariantCulture),
            "uint32" => ((uint)value).ToString(CultureInfo.InvariantCulture) + "u",
            "int64" => value.ToString(CultureInfo.InvariantCulture) + "L",
            _ => throw new InvalidOperationException(elementType),
        };
        return literal;
    }

    /// <summary>The property initializer (without "= "), or null when C#'s default is right.</summary>
    public static string? Initializer(FieldSpec field, MessageSpec message)
    {
        bool nullDefault = field.Default == "null";
        if (field.IsArray)
        {
            return nullDefault ? null : "new()";
        }

        switch (field.ElementType)
        {
            case "string":
                return nullDefault ? null : CodeBuilder.Quote(field.Default ?? "");
            case "bytes":
                return nullDefault ? null : Memory + ".Empty";
            case "records":
                return field.IsNullableAnywhere && field.Default != "" ? null : Memory + ".Empty";
            case "uuid":
                return null;
        }

        if (field.IsStruct)
        {
            return nullDefault ? null : "new()";
        }

        string literal = NumericLiteral(field.ElementType, field.Default);
        return literal is "0" or "0L" or "0u" or "false" or "0d" ? null : literal;
    }

    /// <summary>A C# expression that is true when <paramref name="value"/> differs from the field's default.</summary>
    public static string DiffersFromDefault(FieldSpec field, MessageSpec message, string value)
    {
        bool nullableType = NeedsNullableType(field);
        string? init = Initializer(field, message);
        if (field.IsArray)
        {
            return init is null ? $"{value} is not null" : nullableType ? $"({value} is null || {value}.Count != 0)" : $"{value}.Count != 0";
        }

        switch (field.ElementType)
        {
            case "string":
                return init is null ? $"{value} is not null" : $"!string.Equals({value}, {init}, global::System.StringComparison.Ordinal)";
            case "bytes":
            case "records":
                return init is null ? $"{value} is not null" : nullableType ? $"({value} is null || {value}.Value.Length != 0)" : $"{value}.Length != 0";
            case "uuid":
                return $"!{value}.IsZero";
        }

        if (field.IsStruct)
        {
            return init is null ? $"{value} is not null" : nullableType ? $"({value} is null || !{value}.IsDefault())" : $"!{value}.IsDefault()";
        }

        return $"{value} != {NumericLiteral(field.ElementType, field.Default)}";
    }
}
