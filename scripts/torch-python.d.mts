export declare const REQUIRE_TORCH_ENV: string;
export declare function candidates(): string[];
export declare function findTorchPython(): { python: string; torch: string; pytest: string | null } | null;
export declare function torchRequired(): boolean;
export declare function missingTorchMessage(): string;
