using DataGuard.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace DataGuard.EntityFrameworkCore.Model;

internal sealed class DataGuardConventionSetPlugin(DataGuardApplicationServices applicationServices) : IConventionSetPlugin
{
    public ConventionSet ModifyConventions(ConventionSet conventionSet)
    {
        conventionSet.ModelFinalizingConventions.Add(new PersonalDataConvention(applicationServices));
        return conventionSet;
    }
}
