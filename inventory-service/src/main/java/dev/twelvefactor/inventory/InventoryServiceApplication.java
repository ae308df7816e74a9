package dev.twelvefactor.inventory;

import dev.twelvefactor.support.admin.AdminTasks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InventoryServiceApplication {

	/**
	 * {@code java -jar inventory-service.jar} serves; {@code ... admin TASK [ARGS]} runs
	 * a one-off admin task.
	 */
	public static void main(String[] args) {
		if (AdminTasks.requested(args)) {
			System.exit(AdminTasks.run(InventoryServiceApplication.class, args));
		}
		SpringApplication.run(InventoryServiceApplication.class, args);
	}

}
