/** The ladder, its recording, the comparison report and the gate. */
package nonblocking;
