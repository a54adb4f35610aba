using DataGuard.EFCore.Retention;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace DataGuard.EFCore.Model;

internal sealed class DataGuardConventionSetPlugin(ICurrentDbContext currentContext) : IConventionSetPlugin
{
    public ConventionSet ModifyConventions(ConventionSet conventionSet)
    {
        conventionSet.ModelFinalizingConventions.Add(new PersonalDataConvention(currentContext));
        conventionSet.ModelFinalizingConventions.Add(new DataGuard.EFCore.Retention.RetentionConvention(currentContext));
        return conventionSet;
    }
}
