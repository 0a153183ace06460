namespace AgentLab.Numerics; public static class Placeholder {}
