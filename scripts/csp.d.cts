export declare const CONTENT_SECURITY_POLICY: string;
export declare const OFFICE_SCRIPT_HOST: string;
