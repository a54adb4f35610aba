using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace DataGuard.Configuration;

/// <summary>
/// Binds a configuration section onto an options object that already exists: scalar properties with a setter, nested
/// option objects (get-only), string-keyed dictionaries of scalars and sets of strings. Unlike the configuration binder it never throws
/// on the first problem: every unknown key, unconvertible value or setting that cannot come from configuration is added
/// to <c>errors</c> with its full configuration path, and never with its value (a value may be a secret).
/// </summary>
internal static class ConfigurationObjectBinder
{
    public static void Bind(IConfigurationSection section, object target, List<string> errors, params string[] skip)
    {
        var type = target.GetType();
        foreach (var child in section.GetChildren())
        {
            if (skip.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(static p => p.CanWrite || !IsScalar(p.PropertyType))
                    .Select(static p => p.Name);
                errors.Add($"{child.Path} is not a setting of {TypeName(type)}; check the spelling " +
                    $"(settings: {string.Join(", ", settings)}).");
                continue;
            }

            BindProperty(child, target, property, errors);
        }
    }

    private static void BindProperty(IConfigurationSection child, object target, PropertyInfo property, List<string> errors)
    {
        var type = property.PropertyType;
        if (IsScalar(type) && property.CanWrite)
        {
            if (TryConvert(child, type, errors, out var value))
            {
                property.SetValue(target, value);
            }

            return;
        }

        var current = property.GetValue(target);
        if (TryBindCollection(child, current, errors))
        {
            return;
        }

        if (current is not null && !IsScalar(type) && type.Namespace?.StartsWith("DataGuard", StringComparison.Ordinal) == true && type.IsClass)
        {
            Bind(child, current, errors);
            return;
        }

        errors.Add($"{child.Path} cannot be set from configuration ({TypeName(type)}); set it in code, in AddDataGuard(o => …) or the feature's own " +
            "configure callback.");
    }

    /// <summary>The collection properties configuration can fill: days per key, texts per key, a set of texts.</summary>
    private static bool TryBindCollection(IConfigurationSection child, object? current, List<string> errors)
    {
        if (current is IDictionary<string, int> days)
        {
            foreach (var entry in child.GetChildren())
            {
                if (TryConvert(entry, typeof(int), errors, out var value))
                {
                    days[entry.Key] = (int)value!;
                }
            }

            return true;
        }

        if (current is IDictionary<string, string> texts)
        {
            foreach (var entry in child.GetChildren())
            {
                if (TryConvert(entry, typeof(string), errors, out var value))
                {
                    texts[entry.Key] = (string?)value ?? "";
                }
            }

            return true;
        }

        if (current is ISet<string> set)
        {
            foreach (var entry in child.GetChildren())
            {
                if (TryConvert(entry, typeof(string), errors, out var value) && value is string text)
                {
                    set.Add(text);
                }
            }

            return true;
        }

        return false;
    }

    internal static bool TryConvert(IConfigurationSection section, Type type, List<string> errors, out object? value)
    {
        value = null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (section.Value is null)
        {
            if (section.GetChildren().Any())
            {
                errors.Add($"{section.Path} must be a single value ({TypeName(target)}), not a section.");
                return false;
            }

            return true; // an empty value clears a nullable setting
        }

        if (section.Value.Length == 0 && target != typeof(string))
        {
            if (type != target)
            {
                return true;
            }

            errors.Add($"{section.Path} is empty; it must be {Describe(target)}.");
            return false;
        }

        try
        {
            value = target == typeof(string) ? section.Value : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(section.Value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
            || ex.InnerException is FormatException or OverflowException)
        {
            errors.Add($"{section.Path} is not {Describe(target)}.");
            return false;
        }

        if (target.IsEnum && !Enum.IsDefined(target, value!))
        {
            errors.Add($"{section.Path} is not {Describe(target)}.");
            return false;
        }

        return true;
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive
            || t.IsEnum
            || t == typeof(string)
            || t == typeof(TimeSpan)
            || t == typeof(decimal)
            || t == typeof(DateTimeOffset)
            || t == typeof(Uri);
    }

    private static string Describe(Type type) => type switch
    {
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(TimeSpan) => "a time span (for example \"00:30:00\" or \"30.00:00:00\" for 30 days)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ => "a " + TypeName(type),
    };

    private static string TypeName(Type type)
        => type.Name.EndsWith("Options", StringComparison.Ordinal) ? type.Name : type.Name.ToLower(CultureInfo.InvariantCulture);
}
