using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>Reads the personal-data model once per SaveChanges, only when a change needs it.</summary>
internal sealed class PersonalDataModelHolder(DbContext context)
{
    public DataGuard.Model.PersonalDataModel Model { get; } = context.Model.GetPersonalDataModel();
}
