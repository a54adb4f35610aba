using System.Globalization;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Subjects;

/// <summary>Whether a claim's value can be a data subject of the application's personal-data model: a staff account
/// whose id does not parse as the model's subject type (say "staff-7" where subjects are Guids) is nobody's subject, and
/// must get a no-subject answer rather than an empty export or a request recorded under its name.</summary>
internal static class ModelSubjects
{
    /// <summary>Without a registered model, or with string subjects, any value can be a subject.</summary>
    public static bool CanBeSubject(IServiceProvider services, string value)
    {
        if (services.GetService<PersonalDataModel>() is not { } model)
        {
            return true;
        }

        var any = false;
        foreach (var entity in model.Entities)
        {
            if (entity.SubjectType is not { } type)
            {
                continue;
            }

            any = true;
            if (Parses(Nullable.GetUnderlyingType(type) ?? type, value))
            {
                return true;
            }
        }

        return !any;
    }

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(Guid) => Guid.TryParse(value, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ => true,
    };
}
