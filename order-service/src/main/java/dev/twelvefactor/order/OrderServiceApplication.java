package dev.twelvefactor.order;

import dev.twelvefactor.support.admin.AdminTasks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class OrderServiceApplication {

	/**
	 * {@code java -jar order-service.jar} serves; {@code ... admin TASK [ARGS]} runs a
	 * one-off admin task.
	 */
	public static void main(String[] args) {
		if (AdminTasks.requested(args)) {
			System.exit(AdminTasks.run(OrderServiceApplication.class, args));
		}
		SpringApplication.run(OrderServiceApplication.class, args);
	}

}
