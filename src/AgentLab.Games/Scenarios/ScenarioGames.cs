namespace AgentLab.Games.Scenarios;

/// <summary>The games a scenario file can describe, named by its top-level "game" key (referential when absent).</summary>
public static class ScenarioGames
{
    public const string Referential = "referential";

    public static readonly string[] Names = [Referential, HopfieldRetrievalScenario.Game, BitVectorVae.BitVectorVaeScenario.Kind];

    public static string Of(ScenarioNode root) => root.String("game", Referential, Names);
}
