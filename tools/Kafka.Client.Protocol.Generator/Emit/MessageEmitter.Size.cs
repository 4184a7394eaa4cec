using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>The GetSize method: the same walk as Write, adding up bytes.</summary>
public sealed partial class MessageEmitter
{
    private void EmitSize(StructSpec s, bool isRoot)
    {
        _code.Line("/// <summary>The number of bytes <see cref=\"Write\"/> writes at <paramref name=\"version\"/>.</summary>");
        _code.Open("public int GetSize(short version)");
        if (isRoot)
        {
            EmitVersionCheck();
        }

        DeclareFlexible();
        _code.Line("int size = 0;");
        foreach (FieldSpec f in s.Fields)
        {
            _code.If(RegularVersions(f).Condition(_context), () => SizeValue(f, f.PropertyName, FieldFlexible(f), "size"));
        }

        if (Flexible != "false")
        {
            _code.If(Flexible, () =>
            {
                _code.Line("int taggedCount = 0;");
                foreach (FieldSpec f in TaggedFields(s))
                {
                    _code.If(Flex.And(TaggedCondition(f), Types.DiffersFromDefault(f, _message, f.PropertyName)), () =>
                    {
                        string size = $"tagSize{f.Tag}";
                        _code.Line("taggedCount++;");
                        _code.Line($"int {size} = 0;");
                        SizeValue(f, f.PropertyName, "true", size);
                        _code.Line($"size += {Types.Protocol}WireSize.UnsignedVarInt({f.Tag}u) + {Types.Protocol}WireSize.UnsignedVarInt((uint){size}) + {size};");
                    });
                }

                _code.Open("if (UnknownTaggedFields is not null)");
                _code.Open("foreach (var raw in UnknownTaggedFields)");
                _code.Line("taggedCount++;");
                _code.Line($"size += {Types.Protocol}WireSize.UnsignedVarInt((uint)raw.Tag) + {Types.Protocol}WireSize.UnsignedVarInt((uint)raw.Data.Length) + raw.Data.Length;");
                _code.Close();
                _code.Close();
                _code.Line($"size += {Types.Protocol}WireSize.UnsignedVarInt((uint)taggedCount);");
            });
        }

        _code.Line("return size;");
        _code.Close();
    }

    private void SizeValue(FieldSpec f, string value, string flex, string target)
    {
        bool nullable = Types.NeedsNullableType(f);
        if (!f.IsArray)
        {
            SizeElement(f, value, flex, nullable, target);
            return;
        }

        string compact = flex is "true" or "false" ? flex : flex;
        if (nullable)
        {
            _code.Line($"{target} += {Types.Protocol}WireSize.ArrayLength({value} is null ? -1 : {value}.Count, {compact});");
            _code.Open($"if ({value} is not null)");
        }
        else
        {
            _code.Line($"{target} += {Types.Protocol}WireSize.ArrayLength({value}.Count, {compact});");
        }

        if (Types.FixedSize(f.ElementType) is { } fixedSize)
        {
            _code.Line($"{target} += {value}.Count * {fixedSize};");
        }
        else
        {
            _code.Open($"foreach (var item in {value})");
            SizeElement(f, "item", flex, nullable: false, target);
            _code.Close();
        }

        if (nullable)
        {
            _code.Close();
        }
    }

    private void SizeElement(FieldSpec f, string value, string flex, bool nullable, string target)
    {
        switch (f.ElementType)
        {
            case "string":
                _code.Line(nullable
                    ? $"{target} += {Types.Protocol}WireSize.NullableString({value}, {flex});"
                    : $"{target} += {Types.Protocol}WireSize.String({value}, {flex});");
                return;
            case "bytes":
            case "records":
                _code.Line(nullable
                    ? $"{target} += {Types.Protocol}WireSize.NullableBytes({value}, {flex});"
                    : $"{target} += {Types.Protocol}WireSize.Bytes({value}.Length, {flex});");
                return;
        }

        if (f.IsStruct)
        {
            _code.Line(nullable
                ? $"{target} += {value} is null ? 1 : 1 + {value}.GetSize(version);"
                : $"{target} += {value}.GetSize(version);");
            return;
        }

        _code.Line($"{target} += {Types.FixedSize(f.ElementType)};");
    }
}
