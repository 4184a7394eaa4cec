using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>The Write method.</summary>
public sealed partial class MessageEmitter
{
    private void EmitWrite(StructSpec s, bool isRoot)
    {
        _code.Line("/// <summary>Writes this struct at <paramref name=\"version\"/>.</summary>");
        _code.Open($"public void Write(ref {Types.Protocol}KafkaWriter writer, short version)");
        if (isRoot)
        {
            EmitVersionCheck();
        }

        DeclareFlexible();
        string owner = CodeBuilder.Quote(_message.Name);
        foreach (FieldSpec f in s.Fields)
        {
            string label = FieldLabel(s, f, isRoot);
            string present = f.Versions.Condition(_context);
            if (!f.Ignorable && present != "true")
            {
                _code.If(Flex.And(Flex.Not(present), Types.DiffersFromDefault(f, _message, f.PropertyName)), () =>
                    _code.Line($"throw {Types.Protocol}MessageErrors.NonDefault({owner}, version, {label});"));
            }

            _code.If(RegularVersions(f).Condition(_context), () =>
            {
                EmitNullCheck(f, owner, label, "throw " + Types.Protocol + "MessageErrors.NotNullable");
                WriteValue(f, f.PropertyName, FieldFlexible(f));
            });
        }

        if (Flexible != "false")
        {
            _code.If(Flexible, () => EmitWriteTagged(s));
        }

        _code.Close();
    }

    private void EmitVersionCheck()
    {
        MessageSpec m = _message;
        _code.Open($"if (version < {m.ValidVersions.Low} || version > {m.ValidVersions.High})");
        _code.Line($"throw {Types.Protocol}MessageErrors.UnsupportedVersion({CodeBuilder.Quote(m.Name)}, version);");
        _code.Close();
    }

    /// <summary>For a nullable property written in a version where null is not allowed.</summary>
    private void EmitNullCheck(FieldSpec f, string owner, string label, string thrower)
    {
        if (!Types.NeedsNullableType(f))
        {
            return;
        }

        string nullable = f.NullableVersions.Condition(f.Versions.Intersect(_context));
        if (nullable == "true")
        {
            return;
        }

        _code.Open($"if ({f.PropertyName} is null{(nullable == "false" ? "" : $" && !({nullable})")})");
        _code.Line($"{thrower}({owner}, version, {label});");
        _code.Close();
    }

    private void EmitWriteTagged(StructSpec s)
    {
        _code.Line("int taggedCount = UnknownTaggedFields?.Count ?? 0;");
        foreach (FieldSpec f in TaggedFields(s))
        {
            _code.If(Flex.And(TaggedCondition(f), Types.DiffersFromDefault(f, _message, f.PropertyName)), () => _code.Line("taggedCount++;"));
        }

        _code.Line("writer.WriteUnsignedVarInt((uint)taggedCount);");
        foreach (FieldSpec f in TaggedFields(s))
        {
            _code.If(Flex.And(TaggedCondition(f), Types.DiffersFromDefault(f, _message, f.PropertyName)), () =>
            {
                string size = $"tagSize{f.Tag}";
                _code.Line($"writer.WriteUnsignedVarInt({f.Tag}u);");
                _code.Line($"int {size} = 0;");
                SizeValue(f, f.PropertyName, "true", size);
                _code.Line($"writer.WriteUnsignedVarInt((uint){size});");
                WriteValue(f, f.PropertyName, "true");
            });
        }

        _code.Open("if (UnknownTaggedFields is not null)");
        _code.Open("foreach (var raw in UnknownTaggedFields)");
        _code.Line("writer.WriteUnsignedVarInt((uint)raw.Tag);");
        _code.Line("writer.WriteUnsignedVarInt((uint)raw.Data.Length);");
        _code.Line("writer.WriteRaw(raw.Data.Span);");
        _code.Close();
        _code.Close();
    }

    private void WriteValue(FieldSpec f, string value, string flex)
    {
        bool nullable = Types.NeedsNullableType(f);
        if (!f.IsArray)
        {
            WriteElement(f, value, flex, nullable);
            return;
        }

        if (nullable)
        {
            _code.Open($"if ({value} is null)");
            Flex.ChooseStatement(_code, flex, "writer.WriteCompactArrayLength(-1);", "writer.WriteArrayLength(-1);");
            _code.Close();
            _code.Open("else");
        }

        Flex.ChooseStatement(_code, flex, $"writer.WriteCompactArrayLength({value}.Count);", $"writer.WriteArrayLength({value}.Count);");
        _code.Open($"foreach (var item in {value})");
        WriteElement(f, "item", flex, nullable: false);
        _code.Close();
        if (nullable)
        {
            _code.Close();
        }
    }

    private void WriteElement(FieldSpec f, string value, string flex, bool nullable)
    {
        switch (f.ElementType)
        {
            case "string":
                Flex.ChooseStatement(
                    _code,
                    flex,
                    nullable ? $"writer.WriteCompactNullableString({value});" : $"writer.WriteCompactString({value});",
                    nullable ? $"writer.WriteNullableString({value});" : $"writer.WriteString({value});");
                return;
            case "bytes":
            case "records":
                Flex.ChooseStatement(
                    _code,
                    flex,
                    nullable ? $"writer.WriteCompactNullableBytes({value});" : $"writer.WriteCompactBytes({value}.Span);",
                    nullable ? $"writer.WriteNullableBytes({value});" : $"writer.WriteBytes({value}.Span);");
                return;
        }

        if (f.IsStruct)
        {
            if (nullable)
            {
                _code.Open($"if ({value} is null)");
                _code.Line("writer.WriteInt8(-1);");
                _code.Close();
                _code.Open("else");
                _code.Line("writer.WriteInt8(1);");
                _code.Line($"{value}.Write(ref writer, version);");
                _code.Close();
            }
            else
            {
                _code.Line($"{value}.Write(ref writer, version);");
            }

            return;
        }

        _code.Line(Types.WritePrimitive(f.ElementType, value));
    }
}
