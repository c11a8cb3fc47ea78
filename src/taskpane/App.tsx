import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { HostInfo } from "./host";

/**
 * The custom functions this release offers, in the order a recovery-plan workbook tends to
 * use them. A static list for now; later releases will read it from the functions metadata.
 */
export const FUNCTION_NAMES: readonly string[] = [
  "CARRYFORWARD",
  "DEFICITPATH",
  "CORKSCREW",
  "RECOVERYYEAR",
  "TRANSFERCHECK",
  "MONEY",
  "SAVINGSTOTAL",
  "SAVINGSBYYEAR",
  "TOTALCHECK",
  "RAG",
  "RAGCHECK",
  "RAGROLLUP",
  "RAGCOUNT",
  "PARSEDATE",
  "FYLABEL",
  "AYLABEL",
  "OVERDUE",
  "PROJECTCOST",
  "LEAD",
];

const HOST_MESSAGES: Record<HostInfo["kind"], string> = {
  excel: "Connected to Excel.",
  "other-office-app": "HNB works in Excel only; this Office application cannot use its functions.",
  browser: "Opened outside Excel: the functions work only in a workbook in Excel.",
  "no-office-js":
    "Office could not be loaded, so this page is running on its own. Open it from Excel to use the functions.",
  "not-confirmed": "Waiting for Excel to confirm the connection…",
};

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  heading: {
    margin: 0,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  sectionHeading: {
    margin: 0,
  },
  list: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  item: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
  },
  status: {
    color: tokens.colorNeutralForeground3,
  },
});

export interface AppProps {
  host: HostInfo;
}

export function App({ host }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title2 as="h1" className={styles.heading}>
        HNB High Needs
      </Title2>
      <Body1>
        Custom functions for SEND High Needs recovery plans and Dedicated Schools Grant (DSG) budget
        workbooks.
      </Body1>

      <section className={styles.section} aria-labelledby="hnb-functions-heading">
        <Subtitle2 as="h2" id="hnb-functions-heading" className={styles.sectionHeading}>
          Functions
        </Subtitle2>
        <Body1>
          Type <code>=HNB.</code> in a cell to use them:
        </Body1>
        <ul className={styles.list} aria-label="HNB functions">
          {FUNCTION_NAMES.map((name) => (
            <li key={name} className={styles.item}>
              {name}
            </li>
          ))}
        </ul>
      </section>

      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>Templates, import and checks arrive in later releases.</MessageBarBody>
      </MessageBar>

      <Caption1 className={styles.status} role="status">
        {HOST_MESSAGES[host.kind]}
      </Caption1>
    </main>
  );
}
