using System.Reflection;
using System.Reflection.Emit;
using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Tests.Model;

/// <summary>A randomly generated entity declaration, and the real CLR type with those attributes, emitted at run time
/// so that property tests exercise the attribute reader exactly as user code does.</summary>
internal sealed record EmittedEntity(IReadOnlyList<EmittedProperty> Properties, int? SubjectIndex, RetainAttribute? Retain)
{
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("DataGuard.Tests.Emitted"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("Emitted");

    private static int _counter;

    public Type Emit()
    {
        var type = Module.DefineType($"Generated{Interlocked.Increment(ref _counter)}", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        if (Retain is { } retain)
        {
            type.SetCustomAttribute(Attribute<RetainAttribute>(
                (nameof(RetainAttribute.Days), retain.Days),
                (nameof(RetainAttribute.From), retain.From),
                (nameof(RetainAttribute.Then), retain.Then),
                (nameof(RetainAttribute.LegalRequirement), retain.LegalRequirement)));
        }

        for (var i = 0; i < Properties.Count; i++)
        {
            var spec = Properties[i];
            var property = DefineAutoProperty(type, spec.Name, spec.Type);
            if (SubjectIndex == i)
            {
                property.SetCustomAttribute(Attribute<DataSubjectAttribute>());
            }

            if (spec.Personal is { } personal)
            {
                property.SetCustomAttribute(Attribute<PersonalAttribute>(
                    (nameof(PersonalAttribute.Category), personal.Category),
                    (nameof(PersonalAttribute.Searchable), personal.Searchable),
                    (nameof(PersonalAttribute.Mask), personal.Mask),
                    (nameof(PersonalAttribute.Encrypt), personal.Encrypt)));
            }
        }

        return type.CreateType();
    }

    private static CustomAttributeBuilder Attribute<T>(params (string Name, object? Value)[] properties)
        where T : Attribute
        => new(
            typeof(T).GetConstructor(Type.EmptyTypes)!,
            [],
            properties.Select(p => typeof(T).GetProperty(p.Name)!).ToArray(),
            properties.Select(p => p.Value).ToArray());

    private static PropertyBuilder DefineAutoProperty(TypeBuilder type, string name, Type propertyType)
    {
        var field = type.DefineField("_" + name, propertyType, FieldAttributes.Private);
        var property = type.DefineProperty(name, PropertyAttributes.None, propertyType, null);
        const MethodAttributes accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;

        var getter = type.DefineMethod("get_" + name, accessor, propertyType, Type.EmptyTypes);
        var il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ret);
        property.SetGetMethod(getter);

        var setter = type.DefineMethod("set_" + name, accessor, null, [propertyType]);
        il = setter.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);
        property.SetSetMethod(setter);
        return property;
    }
}

internal sealed record EmittedProperty(string Name, Type Type, PersonalAttribute? Personal);
