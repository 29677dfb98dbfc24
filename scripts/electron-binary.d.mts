export declare const electronPackageDir: string;
export declare function electronBinaryPath(packageDir?: string): string | null;
