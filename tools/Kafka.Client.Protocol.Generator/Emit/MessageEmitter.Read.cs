using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>The Read method.</summary>
public sealed partial class MessageEmitter
{
    private void EmitRead(StructSpec s, bool isRoot)
    {
        string type = isRoot ? _message.Name : s.ClassName;
        _code.Line("/// <summary>Reads this struct at <paramref name=\"version\"/>.</summary>");
        _code.Line($"/// <exception cref=\"{Types.Protocol}KafkaProtocolException\">The bytes are not valid at that version.</exception>");
        _code.Open($"public static {type} Read(ref {Types.Protocol}KafkaReader reader, short version)");
        if (isRoot)
        {
            MessageSpec m = _message;
            _code.Open($"if (version < {m.ValidVersions.Low} || version > {m.ValidVersions.High})");
            _code.Line($"throw {Types.Protocol}MessageErrors.UnsupportedVersion({CodeBuilder.Quote(m.Name)}, version);");
            _code.Close();
            _code.Line($"var context = reader.Enter({CodeBuilder.Quote(m.Name)}, version);");
        }

        DeclareFlexible();
        _code.Line($"var result = new {type}();");
        foreach (FieldSpec f in s.Fields)
        {
            _code.If(RegularVersions(f).Condition(_context), () => ReadValue(f, "result." + f.PropertyName, FieldFlexible(f), FieldLabel(s, f, isRoot)));
        }

        if (Flexible != "false")
        {
            _code.If(Flexible, () => EmitReadTagged(s, isRoot));
        }

        if (isRoot)
        {
            _code.Line("reader.Leave(context);");
        }

        _code.Line("return result;");
        _code.Close();
    }

    private void EmitReadTagged(StructSpec s, bool isRoot)
    {
        string label = CodeBuilder.Quote(isRoot ? "TaggedFields" : $"{s.Name}.TaggedFields");
        _code.Line($"uint taggedCount = reader.ReadUnsignedVarInt({label});");
        _code.Open("for (uint i = 0; i < taggedCount; i++)");
        _code.Line($"uint tag = reader.ReadUnsignedVarInt({label});");
        _code.Line($"int tagSize = reader.ReadCompactLength({label}) + 1;");
        _code.Line("int start = reader.Position;");
        _code.Open("switch (tag)");
        foreach (FieldSpec f in TaggedFields(s))
        {
            string condition = TaggedCondition(f);
            if (condition == "false")
            {
                continue;
            }

            _code.Line(condition == "true" ? $"case {f.Tag}:" : $"case {f.Tag} when {condition}:");
            _code.Line("{");
            ReadValue(f, "result." + f.PropertyName, "true", FieldLabel(s, f, isRoot));
            _code.Line("    break;");
            _code.Line("}");
        }

        _code.Line("default:");
        _code.Line($"    (result.UnknownTaggedFields ??= new()).Add(new {Types.Protocol}RawTaggedField((int)tag, reader.ReadRaw(tagSize, {label})));");
        _code.Line("    break;");
        _code.Close();
        _code.Open("if (reader.Position - start != tagSize)");
        _code.Line($"reader.Fail({label}, $\"tagged field {{tag}} declared {{tagSize}} bytes but took {{reader.Position - start}}\");");
        _code.Close();
        _code.Close();
    }

    private void ReadValue(FieldSpec f, string target, string flex, string label)
    {
        bool nullable = Types.NeedsNullableType(f);
        string nullAllowed = f.NullableVersions.Condition(f.Versions.Intersect(_context));
        if (!f.IsArray)
        {
            _code.Line($"{target} = {ReadElement(f, flex, nullable, label)};");
        }
        else
        {
            string element = Types.ElementCs(f, _message);
            int minSize = Types.FixedSize(f.ElementType) ?? 1;
            _code.Open("");
            _code.Line($"int count = {Flex.Choose(flex, $"reader.ReadCompactArrayLength({label}, {minSize})", $"reader.ReadArrayLength({label}, {minSize})")};");
            _code.Open("if (count < 0)");
            if (nullable)
            {
                _code.Line($"{target} = null;");
            }
            else
            {
                _code.Line($"reader.Fail({label}, \"null where an array is required\");");
            }

            _code.Close();
            _code.Open("else");
            _code.Line($"var list = new {Types.ListOf}<{element}>(count);");
            _code.Open("for (int index = 0; index < count; index++)");
            _code.Line($"list.Add({ReadElement(f, flex, nullable: false, label)});");
            _code.Close();
            _code.Line($"{target} = list;");
            _code.Close();
            _code.Close();
        }

        if (nullable && nullAllowed != "true")
        {
            _code.Open($"if ({target} is null{(nullAllowed == "false" ? "" : $" && !({nullAllowed})")})");
            _code.Line($"reader.Fail({label}, \"null is not allowed in this version\");");
            _code.Close();
        }
    }

    private string ReadElement(FieldSpec f, string flex, bool nullable, string label)
    {
        switch (f.ElementType)
        {
            case "string":
                return nullable
                    ? Flex.Choose(flex, $"reader.ReadCompactNullableString({label})", $"reader.ReadNullableString({label})")
                    : Flex.Choose(flex, $"reader.ReadCompactString({label})", $"reader.ReadString({label})");
            case "bytes":
            case "records":
                return nullable
                    ? Flex.Choose(flex, $"reader.ReadCompactNullableBytes({label})", $"reader.ReadNullableBytes({label})")
                    : Flex.Choose(flex, $"reader.ReadCompactBytes({label})", $"reader.ReadBytes({label})");
        }

        if (f.IsStruct)
        {
            string type = Types.ElementCs(f, _message);
            return nullable
                ? $"reader.ReadInt8({label}) < 0 ? null : {type}.Read(ref reader, version)"
                : $"{type}.Read(ref reader, version)";
        }

        return Types.ReadPrimitive(f.ElementType, label);
    }
}
